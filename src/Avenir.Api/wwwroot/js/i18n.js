// English and French strings, and dates/numbers formatted with Intl (en-CA / fr-CA).
// The chosen language is remembered in localStorage.

const STORAGE_KEY = 'avenir.language';

const en = {
  'app.name': 'Avenir',
  'app.tagline': 'Leads, answered.',
  'nav.leads': 'Leads',
  'nav.activity': 'Activity',
  'nav.settings': 'Settings',
  'nav.admin': 'Clients',
  'nav.signOut': 'Sign out',
  'nav.menu': 'Menu',
  'lang.toggle': 'Français',
  'lang.toggleLabel': 'Passer au français',

  'signin.title': 'Sign in',
  'signin.subtitle': 'Sign in to see your leads.',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.busy': 'Signing in…',
  'signin.failed': 'Email or password is incorrect.',
  'signin.tooMany': 'Too many attempts. Try again in a few minutes.',

  'leads.title': 'Leads',
  'leads.search': 'Search',
  'leads.searchPlaceholder': 'Name, email, company, message…',
  'leads.status': 'Status',
  'leads.intent': 'Intent',
  'leads.urgency': 'Urgency',
  'leads.tag': 'Tag',
  'leads.language': 'Language',
  'leads.from': 'From',
  'leads.to': 'To',
  'leads.sort': 'Sort by',
  'leads.any': 'Any',
  'leads.apply': 'Apply',
  'leads.reset': 'Reset',
  'leads.export': 'Export CSV',
  'leads.empty': 'No leads match these filters.',
  'leads.count': '{total} leads',
  'leads.page': 'Page {page} of {pages}',
  'leads.previous': 'Previous',
  'leads.next': 'Next',
  'leads.name': 'Name',
  'leads.received': 'Received',
  'leads.message': 'Message',
  'leads.confidence': 'Confidence',
  'leads.updated': 'Updated {time}',
  'leads.pending': 'Analysing…',
  'leads.filters': 'Filters',

  'status.active': 'Active',
  'status.archived': 'Archived',
  'status.deleted': 'Deleted',
  'status.converted': 'Converted',
  'status.all': 'All',

  'sort.received': 'Received',
  'sort.urgency': 'Urgency',
  'sort.confidence': 'Confidence',
  'sort.name': 'Name',
  'dir.desc': 'Descending',
  'dir.asc': 'Ascending',

  'stats.title': 'At a glance',
  'stats.leadsToday': 'Leads today',
  'stats.active': 'Active leads',
  'stats.converted': 'Converted',
  'stats.archived': 'Archived',
  'stats.total': 'All leads',
  'stats.lastLeadAt': 'Last lead',

  'lead.back': 'Back to leads',
  'lead.summary': 'AI summary',
  'lead.message': 'Message',
  'lead.contact': 'Contact',
  'lead.email': 'Email',
  'lead.phone': 'Phone',
  'lead.company': 'Company',
  'lead.autoReply': 'Auto-reply',
  'autoReply.sent': 'Sent',
  'autoReply.sending': 'Sending',
  'autoReply.pending': 'Pending',
  'autoReply.queued': 'Queued',
  'autoReply.skipped': 'Not sent',
  'autoReply.failed': 'Failed',
  'autoReply.disabled': 'Off',
  'lead.analysis': 'Analysis',
  'lead.intent': 'Intent',
  'lead.tone': 'Tone',
  'lead.urgency': 'Urgency',
  'lead.confidence': 'Confidence',
  'lead.language': 'Language',
  'lead.tag': 'Tag',
  'lead.noTag': 'No tag',
  'lead.received': 'Received',
  'lead.histories': 'History of the analysis',
  'lead.toneHistory': 'Tone',
  'lead.confidenceHistory': 'Confidence',
  'lead.urgencyHistory': 'Urgency',
  'lead.noHistory': 'No changes yet.',
  'lead.metadata': 'Form details',
  'lead.enrichment': 'Enrichment details',
  'lead.actions': 'Actions',
  'lead.timeline': 'Action history',
  'lead.noActions': 'No actions yet.',
  'lead.archived': 'Archived',
  'lead.deleted': 'Deleted',
  'lead.converted': 'Converted',
  'lead.notFound': 'This lead was not found.',

  'action.tagHot': 'Hot Lead',
  'action.tagWarm': 'Warm',
  'action.tagCold': 'Cold',
  'action.archive': 'Archive',
  'action.unarchive': 'Unarchive',
  'action.delete': 'Delete',
  'action.restore': 'Restore',
  'action.reactivate': 'Reactivate',
  'action.convert': 'Mark converted',
  'action.revert': 'Revert conversion',
  'action.reason': 'Reason',
  'action.reasonRequired': 'Give a reason.',
  'action.confirmDelete': 'Delete this lead? You can restore it later.',
  'action.done': 'Done.',
  'action.by': 'by {who}',

  'actionName.tag': 'Tagged',
  'actionName.tagged': 'Tagged',
  'actionName.archive': 'Archived',
  'actionName.archived': 'Archived',
  'actionName.unarchive': 'Unarchived',
  'actionName.unarchived': 'Unarchived',
  'actionName.delete': 'Deleted',
  'actionName.deleted': 'Deleted',
  'actionName.restore': 'Restored',
  'actionName.restored': 'Restored',
  'actionName.reactivate': 'Reactivated',
  'actionName.reactivated': 'Reactivated',
  'actionName.convert': 'Converted',
  'actionName.converted': 'Converted',
  'actionName.revert_conversion': 'Conversion reverted',
  'actionName.conversion_reverted': 'Conversion reverted',
  'actionName.created': 'Received',
  'actionName.received': 'Received',
  'actionName.enriched': 'Analysed',
  'actionName.note_added': 'Note added',
  'actionName.note_updated': 'Note edited',
  'actionName.note_deleted': 'Note deleted',

  'notes.title': 'Notes',
  'notes.count': 'Notes ({count})',
  'notes.add': 'Add note',
  'notes.placeholder': 'Write a note…',
  'notes.save': 'Save',
  'notes.edit': 'Edit',
  'notes.delete': 'Delete',
  'notes.cancel': 'Cancel',
  'notes.empty': 'No notes yet.',
  'notes.edited': 'edited {time}',
  'notes.confirmDelete': 'Delete this note?',

  'activity.title': 'Activity log',
  'activity.when': 'When',
  'activity.lead': 'Lead',
  'activity.action': 'Action',
  'activity.by': 'By',
  'activity.details': 'Details',
  'activity.empty': 'No activity yet.',

  'settings.title': 'Settings',
  'settings.profile': 'Replies and form',
  'settings.language': 'Language of replies',
  'settings.emailTone': 'Email tone',
  'settings.autoReply': 'Send an AI-personalised reply to each lead',
  'settings.bookingLink': 'Booking link',
  'settings.allowedOrigins': 'Allowed origins (one a line)',
  'settings.allowedOriginsHelp': 'The websites allowed to post your form, e.g. https://www.example.ca',
  'settings.thankYouUrl': 'Thank-you page',
  'settings.save': 'Save settings',
  'settings.saved': 'Settings saved.',
  'settings.key': 'API key',
  'settings.keyHelp': 'Rotating creates a new secret key. The old key keeps working for a short while.',
  'settings.rotate': 'Rotate key',
  'settings.confirmRotate': 'Create a new API key? Integrations using the old key must be updated.',
  'settings.newKey': 'Your new key (shown only once — copy it now):',
  'settings.oldKeyUntil': 'The previous key works until {time}.',
  'settings.snippet': 'Embed snippet',
  'settings.snippetHelp': 'Paste this form on your website.',
  'settings.copy': 'Copy',
  'settings.copied': 'Copied.',
  'settings.password': 'Password',
  'settings.currentPassword': 'Current password',
  'settings.newPassword': 'New password',
  'settings.changePassword': 'Change password',
  'settings.passwordChanged': 'Password changed.',
  'settings.interface': 'Dashboard language',

  'tone.Professional': 'Professional',
  'tone.Friendly': 'Friendly',
  'tone.Formal': 'Formal',
  'tone.Energetic': 'Energetic',
  'tone.Casual': 'Casual',
  'tone.Frustrated': 'Frustrated',
  'tone.Enthusiastic': 'Enthusiastic',

  'urgency.High': 'High',
  'urgency.Medium': 'Medium',
  'urgency.Low': 'Low',

  'tag.Hot Lead': 'Hot Lead',
  'tag.Warm': 'Warm',
  'tag.Cold': 'Cold',
  'tag.Converted': 'Converted',

  'language.en': 'English',
  'language.fr': 'French',

  'intent.demo_request': 'Demo request',
  'intent.pricing_quote': 'Pricing / quote',
  'intent.b2b_partnership': 'B2B partnership',
  'intent.service_inquiry': 'Service inquiry',
  'intent.appointment_booking': 'Appointment booking',
  'intent.support_request': 'Support request',
  'intent.complaint': 'Complaint',
  'intent.job_application': 'Job application',
  'intent.vendor_pitch': 'Vendor pitch',
  'intent.spam': 'Spam',
  'intent.media_inquiry': 'Media inquiry',
  'intent.general_inquiry': 'General inquiry',

  'admin.title': 'Clients',
  'admin.business': 'Business',
  'admin.email': 'Email',
  'admin.lastLead': 'Last lead',
  'admin.leadsThisWeek': 'Leads this week',
  'admin.health': 'Health',
  'admin.healthy': 'Receiving leads',
  'admin.quiet': 'Quiet',
  'admin.never': 'Never',
  'admin.actions': 'Actions',
  'admin.create': 'Create a client',
  'admin.businessName': 'Business name',
  'admin.password': 'Initial password',
  'admin.language': 'Language',
  'admin.industry': 'Industry',
  'admin.internal': 'Internal user (admin)',
  'admin.created': 'Client created.',
  'admin.resetPassword': 'Reset password',
  'admin.newPassword': 'New password for {name}',
  'admin.passwordReset': 'Password reset.',
  'admin.rotateKey': 'Rotate key',
  'admin.confirmRotate': 'Create a new API key for {name}?',
  'admin.newKey': 'New key for {name} (shown only once):',
  'admin.empty': 'No clients yet.',
  'admin.internalBadge': 'internal',
  'admin.testBadge': 'test',

  'common.loading': 'Loading…',
  'common.error': 'Something went wrong.',
  'common.network': 'The server cannot be reached.',
  'common.close': 'Close',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': '—',
  'common.forbidden': 'You are not allowed to do this.',
  'common.notFound': 'Page not found.',
  'common.cancel': 'Cancel',
  'common.confirm': 'Confirm',
};

const fr = {
  'app.name': 'Avenir',
  'app.tagline': 'Des leads, des réponses.',
  'nav.leads': 'Leads',
  'nav.activity': 'Activité',
  'nav.settings': 'Paramètres',
  'nav.admin': 'Clients',
  'nav.signOut': 'Se déconnecter',
  'nav.menu': 'Menu',
  'lang.toggle': 'English',
  'lang.toggleLabel': 'Switch to English',

  'signin.title': 'Connexion',
  'signin.subtitle': 'Connectez-vous pour voir vos leads.',
  'signin.email': 'Courriel',
  'signin.password': 'Mot de passe',
  'signin.submit': 'Se connecter',
  'signin.busy': 'Connexion…',
  'signin.failed': 'Courriel ou mot de passe incorrect.',
  'signin.tooMany': 'Trop de tentatives. Réessayez dans quelques minutes.',

  'leads.title': 'Leads',
  'leads.search': 'Recherche',
  'leads.searchPlaceholder': 'Nom, courriel, entreprise, message…',
  'leads.status': 'Statut',
  'leads.intent': 'Intention',
  'leads.urgency': 'Urgence',
  'leads.tag': 'Étiquette',
  'leads.language': 'Langue',
  'leads.from': 'Du',
  'leads.to': 'Au',
  'leads.sort': 'Trier par',
  'leads.any': 'Toutes',
  'leads.apply': 'Appliquer',
  'leads.reset': 'Réinitialiser',
  'leads.export': 'Exporter en CSV',
  'leads.empty': 'Aucun lead ne correspond à ces filtres.',
  'leads.count': '{total} leads',
  'leads.page': 'Page {page} sur {pages}',
  'leads.previous': 'Précédente',
  'leads.next': 'Suivante',
  'leads.name': 'Nom',
  'leads.received': 'Reçu',
  'leads.message': 'Message',
  'leads.confidence': 'Confiance',
  'leads.updated': 'Mis à jour à {time}',
  'leads.pending': 'Analyse en cours…',
  'leads.filters': 'Filtres',

  'status.active': 'Actifs',
  'status.archived': 'Archivés',
  'status.deleted': 'Supprimés',
  'status.converted': 'Convertis',
  'status.all': 'Tous',

  'sort.received': 'Date de réception',
  'sort.urgency': 'Urgence',
  'sort.confidence': 'Confiance',
  'sort.name': 'Nom',
  'dir.desc': 'Décroissant',
  'dir.asc': 'Croissant',

  'stats.title': 'En bref',
  'stats.leadsToday': "Leads aujourd'hui",
  'stats.active': 'Leads actifs',
  'stats.converted': 'Convertis',
  'stats.archived': 'Archivés',
  'stats.total': 'Tous les leads',
  'stats.lastLeadAt': 'Dernier lead',

  'lead.back': 'Retour aux leads',
  'lead.summary': 'Résumé IA',
  'lead.message': 'Message',
  'lead.contact': 'Coordonnées',
  'lead.email': 'Courriel',
  'lead.phone': 'Téléphone',
  'lead.company': 'Entreprise',
  'lead.autoReply': 'Réponse automatique',
  'autoReply.sent': 'Envoyée',
  'autoReply.sending': 'En cours d’envoi',
  'autoReply.pending': 'En attente',
  'autoReply.queued': 'En file',
  'autoReply.skipped': 'Non envoyée',
  'autoReply.failed': 'Échec',
  'autoReply.disabled': 'Désactivée',
  'lead.analysis': 'Analyse',
  'lead.intent': 'Intention',
  'lead.tone': 'Ton',
  'lead.urgency': 'Urgence',
  'lead.confidence': 'Confiance',
  'lead.language': 'Langue',
  'lead.tag': 'Étiquette',
  'lead.noTag': 'Aucune étiquette',
  'lead.received': 'Reçu',
  'lead.histories': "Historique de l'analyse",
  'lead.toneHistory': 'Ton',
  'lead.confidenceHistory': 'Confiance',
  'lead.urgencyHistory': 'Urgence',
  'lead.noHistory': 'Aucun changement.',
  'lead.metadata': 'Détails du formulaire',
  'lead.enrichment': "Détails de l'analyse",
  'lead.actions': 'Actions',
  'lead.timeline': 'Historique des actions',
  'lead.noActions': 'Aucune action.',
  'lead.archived': 'Archivé',
  'lead.deleted': 'Supprimé',
  'lead.converted': 'Converti',
  'lead.notFound': "Ce lead est introuvable.",

  'action.tagHot': 'Lead chaud',
  'action.tagWarm': 'Tiède',
  'action.tagCold': 'Froid',
  'action.archive': 'Archiver',
  'action.unarchive': 'Désarchiver',
  'action.delete': 'Supprimer',
  'action.restore': 'Restaurer',
  'action.reactivate': 'Réactiver',
  'action.convert': 'Marquer converti',
  'action.revert': 'Annuler la conversion',
  'action.reason': 'Motif',
  'action.reasonRequired': 'Indiquez un motif.',
  'action.confirmDelete': 'Supprimer ce lead? Vous pourrez le restaurer plus tard.',
  'action.done': 'Fait.',
  'action.by': 'par {who}',

  'actionName.tag': 'Étiqueté',
  'actionName.tagged': 'Étiqueté',
  'actionName.archive': 'Archivé',
  'actionName.archived': 'Archivé',
  'actionName.unarchive': 'Désarchivé',
  'actionName.unarchived': 'Désarchivé',
  'actionName.delete': 'Supprimé',
  'actionName.deleted': 'Supprimé',
  'actionName.restore': 'Restauré',
  'actionName.restored': 'Restauré',
  'actionName.reactivate': 'Réactivé',
  'actionName.reactivated': 'Réactivé',
  'actionName.convert': 'Converti',
  'actionName.converted': 'Converti',
  'actionName.revert_conversion': 'Conversion annulée',
  'actionName.conversion_reverted': 'Conversion annulée',
  'actionName.created': 'Reçu',
  'actionName.received': 'Reçu',
  'actionName.enriched': 'Analysé',
  'actionName.note_added': 'Note ajoutée',
  'actionName.note_updated': 'Note modifiée',
  'actionName.note_deleted': 'Note supprimée',

  'notes.title': 'Notes',
  'notes.count': 'Notes ({count})',
  'notes.add': 'Ajouter une note',
  'notes.placeholder': 'Écrire une note…',
  'notes.save': 'Enregistrer',
  'notes.edit': 'Modifier',
  'notes.delete': 'Supprimer',
  'notes.cancel': 'Annuler',
  'notes.empty': 'Aucune note.',
  'notes.edited': 'modifiée le {time}',
  'notes.confirmDelete': 'Supprimer cette note?',

  'activity.title': "Journal d'activité",
  'activity.when': 'Quand',
  'activity.lead': 'Lead',
  'activity.action': 'Action',
  'activity.by': 'Par',
  'activity.details': 'Détails',
  'activity.empty': 'Aucune activité.',

  'settings.title': 'Paramètres',
  'settings.profile': 'Réponses et formulaire',
  'settings.language': 'Langue des réponses',
  'settings.emailTone': 'Ton des courriels',
  'settings.autoReply': 'Envoyer à chaque lead une réponse personnalisée par IA',
  'settings.bookingLink': 'Lien de réservation',
  'settings.allowedOrigins': 'Origines autorisées (une par ligne)',
  'settings.allowedOriginsHelp': 'Les sites autorisés à envoyer votre formulaire, p. ex. https://www.exemple.ca',
  'settings.thankYouUrl': 'Page de remerciement',
  'settings.save': 'Enregistrer les paramètres',
  'settings.saved': 'Paramètres enregistrés.',
  'settings.key': 'Clé API',
  'settings.keyHelp': "Une rotation crée une nouvelle clé secrète. L'ancienne reste valide un court moment.",
  'settings.rotate': 'Changer la clé',
  'settings.confirmRotate': "Créer une nouvelle clé API? Les intégrations qui utilisent l'ancienne clé devront être mises à jour.",
  'settings.newKey': 'Votre nouvelle clé (affichée une seule fois — copiez-la maintenant) :',
  'settings.oldKeyUntil': "L'ancienne clé fonctionne jusqu'au {time}.",
  'settings.snippet': "Code d'intégration",
  'settings.snippetHelp': 'Collez ce formulaire sur votre site web.',
  'settings.copy': 'Copier',
  'settings.copied': 'Copié.',
  'settings.password': 'Mot de passe',
  'settings.currentPassword': 'Mot de passe actuel',
  'settings.newPassword': 'Nouveau mot de passe',
  'settings.changePassword': 'Changer le mot de passe',
  'settings.passwordChanged': 'Mot de passe changé.',
  'settings.interface': 'Langue du tableau de bord',

  'tone.Professional': 'Professionnel',
  'tone.Friendly': 'Amical',
  'tone.Formal': 'Formel',
  'tone.Energetic': 'Énergique',
  'tone.Casual': 'Décontracté',
  'tone.Frustrated': 'Frustré',
  'tone.Enthusiastic': 'Enthousiaste',

  'urgency.High': 'Élevée',
  'urgency.Medium': 'Moyenne',
  'urgency.Low': 'Faible',

  'tag.Hot Lead': 'Lead chaud',
  'tag.Warm': 'Tiède',
  'tag.Cold': 'Froid',
  'tag.Converted': 'Converti',

  'language.en': 'Anglais',
  'language.fr': 'Français',

  'intent.demo_request': 'Demande de démo',
  'intent.pricing_quote': 'Prix / soumission',
  'intent.b2b_partnership': 'Partenariat B2B',
  'intent.service_inquiry': 'Demande de service',
  'intent.appointment_booking': 'Prise de rendez-vous',
  'intent.support_request': "Demande d'assistance",
  'intent.complaint': 'Plainte',
  'intent.job_application': "Candidature",
  'intent.vendor_pitch': 'Offre de fournisseur',
  'intent.spam': 'Pourriel',
  'intent.media_inquiry': 'Demande des médias',
  'intent.general_inquiry': 'Demande générale',

  'admin.title': 'Clients',
  'admin.business': 'Entreprise',
  'admin.email': 'Courriel',
  'admin.lastLead': 'Dernier lead',
  'admin.leadsThisWeek': 'Leads cette semaine',
  'admin.health': 'Santé',
  'admin.healthy': 'Reçoit des leads',
  'admin.quiet': 'Calme',
  'admin.never': 'Jamais',
  'admin.actions': 'Actions',
  'admin.create': 'Créer un client',
  'admin.businessName': "Nom de l'entreprise",
  'admin.password': 'Mot de passe initial',
  'admin.language': 'Langue',
  'admin.industry': "Secteur d'activité",
  'admin.internal': 'Utilisateur interne (admin)',
  'admin.created': 'Client créé.',
  'admin.resetPassword': 'Réinitialiser le mot de passe',
  'admin.newPassword': 'Nouveau mot de passe pour {name}',
  'admin.passwordReset': 'Mot de passe réinitialisé.',
  'admin.rotateKey': 'Changer la clé',
  'admin.confirmRotate': 'Créer une nouvelle clé API pour {name}?',
  'admin.newKey': 'Nouvelle clé pour {name} (affichée une seule fois) :',
  'admin.empty': 'Aucun client.',
  'admin.internalBadge': 'interne',
  'admin.testBadge': 'test',

  'common.loading': 'Chargement…',
  'common.error': "Une erreur s'est produite.",
  'common.network': 'Le serveur est injoignable.',
  'common.close': 'Fermer',
  'common.yes': 'Oui',
  'common.no': 'Non',
  'common.none': '—',
  'common.forbidden': "Vous n'avez pas le droit de faire ceci.",
  'common.notFound': 'Page introuvable.',
  'common.cancel': 'Annuler',
  'common.confirm': 'Confirmer',
};

export const dictionaries = { en, fr };
export const languages = ['en', 'fr'];

let current = initialLanguage();
const listeners = new Set();

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (languages.includes(stored)) return stored;
  return (navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function language() { return current; }
export function hasChosenLanguage() { return languages.includes(localStorage.getItem(STORAGE_KEY)); }

/** Switches the language; `notify` false when the caller renders next anyway (start-up, sign-in). */
export function setLanguage(value, { remember = true, notify = true } = {}) {
  if (!languages.includes(value)) return;
  current = value;
  if (remember) localStorage.setItem(STORAGE_KEY, value);
  document.documentElement.lang = `${value}-CA`;
  if (notify) listeners.forEach(listener => listener(value));
}

export function onLanguageChange(listener) { listeners.add(listener); }

/** The string for `key` in the current language; {name} placeholders are filled from `values`. */
export function t(key, values) {
  const text = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return values ? text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? '')) : text;
}

/** A label for a value from a closed set (intent, tone, urgency, tag, language); unknown values as they are. */
export function label(kind, value) {
  if (value === null || value === undefined || value === '') return t('common.none');
  const key = `${kind}.${value}`;
  return dictionaries[current][key] ?? dictionaries.en[key] ?? String(value);
}

const locale = () => (current === 'fr' ? 'fr-CA' : 'en-CA');

export function formatDateTime(value) {
  if (!value) return t('common.none');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value) {
  if (!value) return t('common.none');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

export function formatTime(value) {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(new Date(value));
}

/** "5 minutes ago" / "il y a 5 minutes". */
export function formatRelative(value) {
  if (!value) return t('common.none');
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  if (Number.isNaN(seconds)) return String(value);
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds), 'second');
}

export function formatNumber(value, options) {
  if (value === null || value === undefined || value === '') return t('common.none');
  return new Intl.NumberFormat(locale(), options).format(Number(value));
}

/** A 0..1 confidence as a percentage. */
export function formatPercent(value) {
  if (value === null || value === undefined) return t('common.none');
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(Number(value));
}
