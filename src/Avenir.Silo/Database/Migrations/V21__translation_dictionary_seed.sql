-- V21: a verified EN↔FR business glossary (DESIGN §4.6, docs/decisions/0005), consulted before the translation cache
-- and the LLM. Québec usage: "quote" → "soumission", "email" → "courriel", "weekend" → "fin de semaine".
-- Each English term is seeded with its French translation, and the reverse pair (FR → EN) is derived from it;
-- a French term that translates several English ones keeps the first (ON CONFLICT DO NOTHING).
--
-- translation_dictionary is reference data (FORCE ROW LEVEL SECURITY, system write policy); lift FORCE for this
-- transaction only, as V13 does, so a non-superuser owner can seed it.
ALTER TABLE translation_dictionary NO FORCE ROW LEVEL SECURITY;

INSERT INTO translation_dictionary (source_text, source_language, target_language, translated_text, category, verified, confidence)
VALUES
    ('appointment', 'en', 'fr', 'rendez-vous', 'scheduling', true, 1.000),
    ('quote', 'en', 'fr', 'soumission', 'sales', true, 1.000),
    ('estimate', 'en', 'fr', 'estimation', 'sales', true, 1.000),
    ('free estimate', 'en', 'fr', 'estimation gratuite', 'sales', true, 1.000),
    ('invoice', 'en', 'fr', 'facture', 'billing', true, 1.000),
    ('deposit', 'en', 'fr', 'dépôt', 'billing', true, 1.000),
    ('refund', 'en', 'fr', 'remboursement', 'billing', true, 1.000),
    ('taxes included', 'en', 'fr', 'taxes incluses', 'billing', true, 1.000),
    ('email', 'en', 'fr', 'courriel', 'communication', true, 1.000),
    ('newsletter', 'en', 'fr', 'infolettre', 'communication', true, 1.000),
    ('phone call', 'en', 'fr', 'appel téléphonique', 'communication', true, 1.000),
    ('follow-up', 'en', 'fr', 'suivi', 'communication', true, 1.000),
    ('contact form', 'en', 'fr', 'formulaire de contact', 'communication', true, 1.000),
    ('auto-reply', 'en', 'fr', 'réponse automatique', 'communication', true, 1.000),
    ('unsubscribe', 'en', 'fr', 'se désabonner', 'communication', true, 1.000),
    ('lead', 'en', 'fr', 'prospect', 'sales', true, 1.000),
    ('customer', 'en', 'fr', 'client', 'sales', true, 1.000),
    ('business hours', 'en', 'fr', 'heures d''ouverture', 'scheduling', true, 1.000),
    ('booking link', 'en', 'fr', 'lien de réservation', 'scheduling', true, 1.000),
    ('availability', 'en', 'fr', 'disponibilité', 'scheduling', true, 1.000),
    ('weekend', 'en', 'fr', 'fin de semaine', 'scheduling', true, 1.000),
    ('as soon as possible', 'en', 'fr', 'dès que possible', 'scheduling', true, 1.000),
    ('urgent', 'en', 'fr', 'urgent', 'urgency', true, 1.000),
    ('high', 'en', 'fr', 'élevée', 'urgency', true, 1.000),
    ('medium', 'en', 'fr', 'moyenne', 'urgency', true, 1.000),
    ('low', 'en', 'fr', 'faible', 'urgency', true, 1.000),
    ('demo', 'en', 'fr', 'démonstration', 'sales', true, 1.000),
    ('pricing', 'en', 'fr', 'tarification', 'sales', true, 1.000),
    ('partnership', 'en', 'fr', 'partenariat', 'sales', true, 1.000),
    ('complaint', 'en', 'fr', 'plainte', 'support', true, 1.000),
    ('support request', 'en', 'fr', 'demande de soutien', 'support', true, 1.000),
    ('warranty', 'en', 'fr', 'garantie', 'support', true, 1.000),
    ('service inquiry', 'en', 'fr', 'demande de service', 'sales', true, 1.000),
    ('job application', 'en', 'fr', 'candidature', 'hr', true, 1.000),
    ('small business', 'en', 'fr', 'petite entreprise', 'business', true, 1.000),
    ('dashboard', 'en', 'fr', 'tableau de bord', 'product', true, 1.000),
    ('sign in', 'en', 'fr', 'se connecter', 'product', true, 1.000),
    ('settings', 'en', 'fr', 'paramètres', 'product', true, 1.000),
    ('thank you for contacting us', 'en', 'fr', 'merci de nous avoir contactés', 'communication', true, 1.000),
    ('we will get back to you shortly', 'en', 'fr', 'nous vous répondrons sous peu', 'communication', true, 1.000),
    ('professional', 'en', 'fr', 'professionnel', 'tone', true, 1.000),
    ('friendly', 'en', 'fr', 'amical', 'tone', true, 1.000),
    ('formal', 'en', 'fr', 'formel', 'tone', true, 1.000),
    ('casual', 'en', 'fr', 'décontracté', 'tone', true, 1.000),
    ('frustrated', 'en', 'fr', 'frustré', 'tone', true, 1.000),
    ('enthusiastic', 'en', 'fr', 'enthousiaste', 'tone', true, 1.000),
    ('renovation', 'en', 'fr', 'rénovation', 'industry', true, 1.000),
    ('contractor', 'en', 'fr', 'entrepreneur', 'industry', true, 1.000),
    ('plumber', 'en', 'fr', 'plombier', 'industry', true, 1.000),
    ('cleaning', 'en', 'fr', 'entretien ménager', 'industry', true, 1.000)
ON CONFLICT DO NOTHING;

INSERT INTO translation_dictionary (source_text, source_language, target_language, translated_text, category, verified, confidence)
SELECT translated_text, 'fr', 'en', source_text, category, verified, confidence
FROM translation_dictionary
WHERE source_language = 'en' AND target_language = 'fr' AND verified
ON CONFLICT DO NOTHING;

ALTER TABLE translation_dictionary FORCE ROW LEVEL SECURITY;
