// Texts of the report-schedule page (scheduled e-mail reports): German first, English second. Merged into the
// console's dictionaries when a view module imports this file.
import { TEXTS } from './i18n.js';

const de = {
  nav_reports: 'Berichtsversand', reports: 'Berichtsversand',
  rsIntro: 'Berichte mit den Kennzahlen eines Zeitraums gehen per E-Mail an die Empfänger: täglich (Vortag), wöchentlich (Vorwoche, montags) oder monatlich (Vormonat, am Ersten), jeweils um 6 Uhr in der Zeitzone des Mandanten.',
  rsNoMail: 'Es ist kein Mailserver eingerichtet (WATTOS_MAIL_HOST). Zeitpläne werden gespeichert, aber erst versandt, wenn die Betriebsadministration einen Mailserver einträgt.',
  rsInterval: 'Intervall', rsType_DAILY: 'Täglich', rsType_WEEKLY: 'Wöchentlich', rsType_MONTHLY: 'Monatlich',
  rsRecipients: 'Empfänger', rsRecipientsHint: '(E-Mail-Adressen, eine pro Zeile, höchstens 20)', rsFormat: 'Format',
  rsLanguage: 'Sprache des Berichts', rsLang_de: 'Deutsch', rsLang_en: 'Englisch', rsEnabled: 'Versand aktiv',
  rsNext: 'Nächster Versand', rsLast: 'Zuletzt', rsState: 'Stand',
  rsState_MAIL_NOT_CONFIGURED: 'Kein Mailserver', rsState_DISABLED: 'Pausiert', rsState_SCHEDULED: 'Geplant',
  rsState_SENT: 'Versandt', rsState_FAILED: 'Fehlgeschlagen',
  rsNew: 'Neuer Zeitplan', rsEditOf: 'Zeitplan bearbeiten: {type}', rsEdit: 'Bearbeiten', rsSendNow: 'Jetzt senden',
  rsSent: '{type}: Bericht wurde versandt.', rsDeleteConfirm: 'Zeitplan „{type}“ wirklich löschen?',
  rsExists: 'Für dieses Intervall gibt es schon einen Zeitplan; Speichern ersetzt ihn.', rsNewInstead: 'Neuer Zeitplan statt Bearbeiten'
};

const en = {
  nav_reports: 'Report mailing', reports: 'Report mailing',
  rsIntro: 'Reports with a period’s figures are e-mailed to the recipients: daily (the day before), weekly (the week before, on Mondays) or monthly (the month before, on the first), each at 6 am in the tenant’s time zone.',
  rsNoMail: 'No mail server is configured (WATTOS_MAIL_HOST). Schedules are saved, but sent only once operations configure a mail server.',
  rsInterval: 'Interval', rsType_DAILY: 'Daily', rsType_WEEKLY: 'Weekly', rsType_MONTHLY: 'Monthly',
  rsRecipients: 'Recipients', rsRecipientsHint: '(e-mail addresses, one per line, at most 20)', rsFormat: 'Format',
  rsLanguage: 'Report language', rsLang_de: 'German', rsLang_en: 'English', rsEnabled: 'Sending on',
  rsNext: 'Next sending', rsLast: 'Last', rsState: 'State',
  rsState_MAIL_NOT_CONFIGURED: 'No mail server', rsState_DISABLED: 'Paused', rsState_SCHEDULED: 'Scheduled',
  rsState_SENT: 'Sent', rsState_FAILED: 'Failed',
  rsNew: 'New schedule', rsEditOf: 'Edit schedule: {type}', rsEdit: 'Edit', rsSendNow: 'Send now',
  rsSent: '{type}: the report was sent.', rsDeleteConfirm: 'Really delete the schedule “{type}”?',
  rsExists: 'This interval already has a schedule; saving replaces it.', rsNewInstead: 'New schedule instead'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);
