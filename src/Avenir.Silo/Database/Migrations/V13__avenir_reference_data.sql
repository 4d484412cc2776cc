-- V13: reference data. The lead intent taxonomy (shared/data/README.md) with English and
-- Québec French names. lead_memory.intent stores the machine label (intent column here).
--
-- FORCE ROW LEVEL SECURITY (V12) also binds the table owner, and the policies are for the
-- application role only; a migration role without BYPASSRLS (e.g. a managed database's admin that
-- is not a superuser) would be refused. Lift FORCE for this transaction only: the ALTER locks the
-- table until commit, so no other session ever sees it unforced.
ALTER TABLE intent_translations NO FORCE ROW LEVEL SECURITY;

INSERT INTO intent_translations (intent, intent_en, intent_fr, description_en, description_fr, category, sort_order)
VALUES
    ('demo_request', 'Demo request', 'Demande de démonstration',
     'Wants a demo, a free trial or a walkthrough of a product.',
     'Souhaite une démonstration, un essai gratuit ou une visite guidée d''un produit.',
     'sales', 1),
    ('pricing_quote', 'Pricing or quote request', 'Demande de prix ou de soumission',
     'Asks for prices, a quote, an estimate, rates or whether the budget fits.',
     'Demande des prix, une soumission, une estimation ou des tarifs, ou si le budget convient.',
     'sales', 2),
    ('service_inquiry', 'Service inquiry', 'Demande de service',
     'A prospective customer describes a need, without mainly asking for a price or a demo.',
     'Un client potentiel décrit son besoin, sans d''abord demander un prix ou une démonstration.',
     'sales', 3),
    ('appointment_booking', 'Appointment booking', 'Prise de rendez-vous',
     'Wants to book or reschedule a call, a consultation, a visit or a table.',
     'Veut prendre ou déplacer un rendez-vous : appel, consultation, visite ou réservation de table.',
     'sales', 4),
    ('b2b_partnership', 'B2B partnership', 'Partenariat d''affaires',
     'Partnership, reseller, distribution, wholesale, referral, white-label or co-marketing proposal.',
     'Proposition de partenariat, de revente, de distribution, de vente en gros, de recommandation de clients, de marque blanche ou de marketing conjoint.',
     'partnership', 5),
    ('support_request', 'Support request', 'Demande de soutien',
     'An existing customer calmly reports a problem: bug, account, billing or order.',
     'Un client actuel signale calmement un problème : bogue, compte, facturation ou commande.',
     'customer_care', 6),
    ('complaint', 'Complaint', 'Plainte',
     'A dissatisfied customer: refund demand, threat of a bad review, anger.',
     'Un client mécontent : demande de remboursement, menace de mauvais avis, colère.',
     'customer_care', 7),
    ('job_application', 'Job application', 'Demande d''emploi',
     'Applies for a job or an internship.',
     'Candidature pour un emploi ou un stage.',
     'recruiting', 8),
    ('media_inquiry', 'Media inquiry', 'Demande médiatique',
     'Journalist, podcast, interview or press request, or a sponsorship or donation request.',
     'Journaliste, balado, entrevue ou presse, ou demande de commandite ou de don.',
     'media', 9),
    ('general_inquiry', 'General inquiry', 'Demande de renseignements',
     'Hours, location, parking, area served, policies or documentation.',
     'Heures d''ouverture, adresse, stationnement, territoire desservi, politiques ou documentation.',
     'information', 10),
    ('vendor_pitch', 'Vendor pitch', 'Sollicitation commerciale',
     'Someone selling to the business: SEO, lead lists, website redesigns, paid listings, influencer rates.',
     'Quelqu''un veut vendre à l''entreprise : référencement (SEO), listes de contacts, refonte de site Web, annonces payantes, tarifs d''influenceurs.',
     'unsolicited', 11),
    ('spam', 'Spam', 'Pourriel',
     'Junk: scams, crypto, gibberish, phishing, link farms.',
     'Message indésirable : arnaque, cryptomonnaie, charabia, hameçonnage, fermes de liens.',
     'unsolicited', 12)
ON CONFLICT (intent) DO NOTHING;

ALTER TABLE intent_translations FORCE ROW LEVEL SECURITY;
