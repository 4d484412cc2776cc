-- V15: the auto-reply templates (DESIGN §4.3): English and Québec French × the four client tones.
--
-- Liquid templates (rendered with Fluid). Variables:
--   first_name       the lead's first name ("" when the form gave none: the templates then greet without it)
--   lead_name        the full name as given
--   business_name    the client's business name
--   booking_link     the client's booking link ("" when none: the booking paragraph is left out)
--   message_excerpt  the start of the lead's message (≤ 160 characters, cut at a word)
--   request_topic    the detected intent's name in the reply's language ("" when unknown)
-- HTML is rendered with HTML encoding of the values, plain text without.
-- The auto-reply picks the active template of category 'auto_reply' for (language, tone), falling back
-- to the Professional one of that language.
--
-- email_templates is an agency table (FORCE ROW LEVEL SECURITY, system policy for the application role);
-- lift FORCE for this transaction only, as V13 does, so a non-superuser owner can seed it.
ALTER TABLE email_templates NO FORCE ROW LEVEL SECURITY;

INSERT INTO email_templates (name, description, language, category, tone, variables, subject, plain_content, html_content)
VALUES
-- ---------------------------------------------------------------- English
('auto_reply_professional', 'Auto-reply to a new lead, professional tone', 'en', 'auto_reply', 'Professional',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Thank you for contacting {{ business_name }}$$,
 $$Hello{% if first_name != "" %} {{ first_name }}{% endif %},

Thank you for contacting {{ business_name }}. We have received your message and a member of our team will get back to you shortly.

Your message:
"{{ message_excerpt }}"
{% if booking_link != "" %}
If you would like to speak with us sooner, you can book a time that suits you here:
{{ booking_link }}
{% endif %}
Best regards,
The {{ business_name }} team

--
This is an automatic reply sent by Avenir on behalf of {{ business_name }}. You can reply to this email to reach them directly.$$,
 $$<p>Hello{% if first_name != "" %} {{ first_name }}{% endif %},</p>
<p>Thank you for contacting {{ business_name }}. We have received your message and a member of our team will get back to you shortly.</p>
<p>Your message:<br><em>“{{ message_excerpt }}”</em></p>
{% if booking_link != "" %}<p>If you would like to speak with us sooner, you can <a href="{{ booking_link }}">book a time that suits you</a>.</p>
{% endif %}<p>Best regards,<br>The {{ business_name }} team</p>
<p style="color:#777;font-size:12px">This is an automatic reply sent by Avenir on behalf of {{ business_name }}. You can reply to this email to reach them directly.</p>$$),

('auto_reply_friendly', 'Auto-reply to a new lead, friendly tone', 'en', 'auto_reply', 'Friendly',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Thanks for reaching out{% if first_name != "" %}, {{ first_name }}{% endif %}!$$,
 $$Hi{% if first_name != "" %} {{ first_name }}{% endif %},

Thanks so much for getting in touch with {{ business_name }}! Your message made it to us and we'll get back to you very soon.

Here's what you sent us:
"{{ message_excerpt }}"
{% if booking_link != "" %}
Want to chat sooner? Grab a time that works for you:
{{ booking_link }}
{% endif %}
Talk soon,
The {{ business_name }} team

--
This is an automatic reply sent by Avenir on behalf of {{ business_name }}. Just reply to this email to reach them.$$,
 $$<p>Hi{% if first_name != "" %} {{ first_name }}{% endif %},</p>
<p>Thanks so much for getting in touch with {{ business_name }}! Your message made it to us and we'll get back to you very soon.</p>
<p>Here's what you sent us:<br><em>“{{ message_excerpt }}”</em></p>
{% if booking_link != "" %}<p>Want to chat sooner? <a href="{{ booking_link }}">Grab a time that works for you</a>.</p>
{% endif %}<p>Talk soon,<br>The {{ business_name }} team</p>
<p style="color:#777;font-size:12px">This is an automatic reply sent by Avenir on behalf of {{ business_name }}. Just reply to this email to reach them.</p>$$),

('auto_reply_formal', 'Auto-reply to a new lead, formal tone', 'en', 'auto_reply', 'Formal',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Acknowledgement of your inquiry — {{ business_name }}$$,
 $$Dear {% if lead_name != "" %}{{ lead_name }}{% else %}Sir or Madam{% endif %},

We acknowledge receipt of your inquiry to {{ business_name }} and thank you for your interest. It will be reviewed and answered promptly by a member of our staff.

For reference, your message read:
"{{ message_excerpt }}"
{% if booking_link != "" %}
Should you wish to schedule a consultation, you may reserve an appointment at your convenience:
{{ booking_link }}
{% endif %}
Yours sincerely,
{{ business_name }}

--
This is an automatic acknowledgement sent by Avenir on behalf of {{ business_name }}. Replies to this message reach {{ business_name }} directly.$$,
 $$<p>Dear {% if lead_name != "" %}{{ lead_name }}{% else %}Sir or Madam{% endif %},</p>
<p>We acknowledge receipt of your inquiry to {{ business_name }} and thank you for your interest. It will be reviewed and answered promptly by a member of our staff.</p>
<p>For reference, your message read:<br><em>“{{ message_excerpt }}”</em></p>
{% if booking_link != "" %}<p>Should you wish to schedule a consultation, you may <a href="{{ booking_link }}">reserve an appointment at your convenience</a>.</p>
{% endif %}<p>Yours sincerely,<br>{{ business_name }}</p>
<p style="color:#777;font-size:12px">This is an automatic acknowledgement sent by Avenir on behalf of {{ business_name }}. Replies to this message reach {{ business_name }} directly.</p>$$),

('auto_reply_energetic', 'Auto-reply to a new lead, energetic tone', 'en', 'auto_reply', 'Energetic',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Great to hear from you{% if first_name != "" %}, {{ first_name }}{% endif %}!$$,
 $$Hi{% if first_name != "" %} {{ first_name }}{% endif %}!

Great news: your message to {{ business_name }} just landed, and we're excited to help! Someone from our team will be in touch very soon.

You wrote:
"{{ message_excerpt }}"
{% if booking_link != "" %}
Can't wait? Book your spot right now:
{{ booking_link }}
{% endif %}
Looking forward to it!
The {{ business_name }} team

--
This is an automatic reply sent by Avenir on behalf of {{ business_name }}. Hit reply to reach them directly.$$,
 $$<p>Hi{% if first_name != "" %} {{ first_name }}{% endif %}!</p>
<p>Great news: your message to {{ business_name }} just landed, and we're excited to help! Someone from our team will be in touch very soon.</p>
<p>You wrote:<br><em>“{{ message_excerpt }}”</em></p>
{% if booking_link != "" %}<p>Can't wait? <a href="{{ booking_link }}">Book your spot right now</a>!</p>
{% endif %}<p>Looking forward to it!<br>The {{ business_name }} team</p>
<p style="color:#777;font-size:12px">This is an automatic reply sent by Avenir on behalf of {{ business_name }}. Hit reply to reach them directly.</p>$$),

-- ---------------------------------------------------------------- Québec French
('auto_reply_professional', 'Réponse automatique à un nouveau prospect, ton professionnel', 'fr', 'auto_reply', 'Professional',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Merci d'avoir communiqué avec {{ business_name }}$$,
 $$Bonjour{% if first_name != "" %} {{ first_name }}{% endif %},

Merci d'avoir communiqué avec {{ business_name }}. Nous avons bien reçu votre message et un membre de notre équipe vous répondra sous peu.

Votre message :
« {{ message_excerpt }} »
{% if booking_link != "" %}
Si vous souhaitez nous parler plus rapidement, vous pouvez réserver dès maintenant le moment qui vous convient :
{{ booking_link }}
{% endif %}
Cordialement,
L'équipe de {{ business_name }}

--
Ceci est une réponse automatique envoyée par Avenir au nom de {{ business_name }}. Vous pouvez répondre à ce courriel pour joindre directement l'entreprise.$$,
 $$<p>Bonjour{% if first_name != "" %} {{ first_name }}{% endif %},</p>
<p>Merci d'avoir communiqué avec {{ business_name }}. Nous avons bien reçu votre message et un membre de notre équipe vous répondra sous peu.</p>
<p>Votre message&nbsp;:<br><em>«&nbsp;{{ message_excerpt }}&nbsp;»</em></p>
{% if booking_link != "" %}<p>Si vous souhaitez nous parler plus rapidement, vous pouvez <a href="{{ booking_link }}">réserver dès maintenant le moment qui vous convient</a>.</p>
{% endif %}<p>Cordialement,<br>L'équipe de {{ business_name }}</p>
<p style="color:#777;font-size:12px">Ceci est une réponse automatique envoyée par Avenir au nom de {{ business_name }}. Vous pouvez répondre à ce courriel pour joindre directement l'entreprise.</p>$$),

('auto_reply_friendly', 'Réponse automatique à un nouveau prospect, ton chaleureux', 'fr', 'auto_reply', 'Friendly',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Merci pour votre message{% if first_name != "" %}, {{ first_name }}{% endif %}!$$,
 $$Bonjour{% if first_name != "" %} {{ first_name }}{% endif %}!

Merci beaucoup d'avoir écrit à {{ business_name }}, ça nous fait plaisir d'avoir de vos nouvelles! On a bien reçu votre message et on vous revient très bientôt.

Voici ce que vous nous avez écrit :
« {{ message_excerpt }} »
{% if booking_link != "" %}
Envie d'en jaser plus vite? Choisissez le moment qui vous arrange :
{{ booking_link }}
{% endif %}
À très bientôt,
L'équipe de {{ business_name }}

--
Ceci est une réponse automatique envoyée par Avenir au nom de {{ business_name }}. Répondez simplement à ce courriel pour les joindre.$$,
 $$<p>Bonjour{% if first_name != "" %} {{ first_name }}{% endif %}!</p>
<p>Merci beaucoup d'avoir écrit à {{ business_name }}, ça nous fait plaisir d'avoir de vos nouvelles! On a bien reçu votre message et on vous revient très bientôt.</p>
<p>Voici ce que vous nous avez écrit&nbsp;:<br><em>«&nbsp;{{ message_excerpt }}&nbsp;»</em></p>
{% if booking_link != "" %}<p>Envie d'en jaser plus vite? <a href="{{ booking_link }}">Choisissez le moment qui vous arrange</a>.</p>
{% endif %}<p>À très bientôt,<br>L'équipe de {{ business_name }}</p>
<p style="color:#777;font-size:12px">Ceci est une réponse automatique envoyée par Avenir au nom de {{ business_name }}. Répondez simplement à ce courriel pour les joindre.</p>$$),

('auto_reply_formal', 'Réponse automatique à un nouveau prospect, ton soutenu', 'fr', 'auto_reply', 'Formal',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Accusé de réception de votre demande — {{ business_name }}$$,
 $${% if lead_name != "" %}Bonjour {{ lead_name }},{% else %}Madame, Monsieur,{% endif %}

Nous accusons réception de votre demande adressée à {{ business_name }} et vous remercions de l'intérêt que vous nous portez. Elle sera examinée avec attention et un membre de notre personnel y donnera suite dans les meilleurs délais.

Pour mémoire, votre message :
« {{ message_excerpt }} »
{% if booking_link != "" %}
Si vous souhaitez fixer une consultation, nous vous invitons à réserver un rendez-vous au moment qui vous convient :
{{ booking_link }}
{% endif %}
Veuillez agréer nos salutations distinguées.
{{ business_name }}

--
Ce message est un accusé de réception automatique envoyé par Avenir au nom de {{ business_name }}. Toute réponse à ce courriel est transmise directement à {{ business_name }}.$$,
 $$<p>{% if lead_name != "" %}Bonjour {{ lead_name }},{% else %}Madame, Monsieur,{% endif %}</p>
<p>Nous accusons réception de votre demande adressée à {{ business_name }} et vous remercions de l'intérêt que vous nous portez. Elle sera examinée avec attention et un membre de notre personnel y donnera suite dans les meilleurs délais.</p>
<p>Pour mémoire, votre message&nbsp;:<br><em>«&nbsp;{{ message_excerpt }}&nbsp;»</em></p>
{% if booking_link != "" %}<p>Si vous souhaitez fixer une consultation, nous vous invitons à <a href="{{ booking_link }}">réserver un rendez-vous au moment qui vous convient</a>.</p>
{% endif %}<p>Veuillez agréer nos salutations distinguées.<br>{{ business_name }}</p>
<p style="color:#777;font-size:12px">Ce message est un accusé de réception automatique envoyé par Avenir au nom de {{ business_name }}. Toute réponse à ce courriel est transmise directement à {{ business_name }}.</p>$$),

('auto_reply_energetic', 'Réponse automatique à un nouveau prospect, ton dynamique', 'fr', 'auto_reply', 'Energetic',
 '["first_name","lead_name","business_name","booking_link","message_excerpt","request_topic"]',
 $$Super, on a bien reçu votre message{% if first_name != "" %}, {{ first_name }}{% endif %}!$$,
 $$Bonjour{% if first_name != "" %} {{ first_name }}{% endif %}!

Bonne nouvelle : votre message à {{ business_name }} vient d'arriver, et on a bien hâte de vous aider! Quelqu'un de notre équipe vous contacte très bientôt.

Vous nous avez écrit :
« {{ message_excerpt }} »
{% if booking_link != "" %}
Envie d'aller plus vite? Réservez votre place tout de suite :
{{ booking_link }}
{% endif %}
Au plaisir de vous parler très bientôt!
L'équipe de {{ business_name }}

--
Ceci est une réponse automatique envoyée par Avenir au nom de {{ business_name }}. Répondez à ce courriel pour les joindre directement.$$,
 $$<p>Bonjour{% if first_name != "" %} {{ first_name }}{% endif %}!</p>
<p>Bonne nouvelle&nbsp;: votre message à {{ business_name }} vient d'arriver, et on a bien hâte de vous aider! Quelqu'un de notre équipe vous contacte très bientôt.</p>
<p>Vous nous avez écrit&nbsp;:<br><em>«&nbsp;{{ message_excerpt }}&nbsp;»</em></p>
{% if booking_link != "" %}<p>Envie d'aller plus vite? <a href="{{ booking_link }}">Réservez votre place tout de suite</a>!</p>
{% endif %}<p>Au plaisir de vous parler très bientôt!<br>L'équipe de {{ business_name }}</p>
<p style="color:#777;font-size:12px">Ceci est une réponse automatique envoyée par Avenir au nom de {{ business_name }}. Répondez à ce courriel pour les joindre directement.</p>$$)
ON CONFLICT (name, language) DO NOTHING;

ALTER TABLE email_templates FORCE ROW LEVEL SECURITY;
