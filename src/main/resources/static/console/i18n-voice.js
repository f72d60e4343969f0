// Texts of the voice and avatar pages: German first, English second. Merged into the console's dictionaries when a
// view module imports this file.
import { TEXTS } from './i18n.js';

const de = {
  nav_voice: 'Stimmen', voice: 'Stimmen und Sprachdienste',
  vcIntro: 'Wie der Assistent spricht und zuhört. espeak-ng ist eingebaut und braucht keinen Dienst; Cloud-Dienste (OpenAI-kompatibel, ElevenLabs, Azure) und Spracherkennung richten Sie hier ein. Schlüssel werden verschlüsselt gespeichert und nie wieder angezeigt.',
  vcBuiltIn: 'espeak-ng (eingebaut, offline)', vcBuiltInOk: 'verfügbar', vcBuiltInMissing: 'nicht installiert: {why}',
  vcPurpose: 'Zweck', vcPurpose_speech: 'Sprachausgabe', vcPurpose_transcription: 'Spracherkennung',
  vcType_espeak: 'espeak-ng (eingebaut)', vcType_openai: 'OpenAI-kompatibel', vcType_elevenlabs: 'ElevenLabs', vcType_azure: 'Azure Speech (REST)',
  'vcType_azure-websocket': 'Azure Speech (WebSocket, mit Visemen)',
  vcRegion: 'Region (Azure)', vcModel: 'Modell', vcVoice: 'Stimme', vcVoiceHint: '(z. B. de, de+f3 bei espeak-ng; nova bei OpenAI)',
  vcKeyStored: 'hinterlegt', vcNoKey: 'keiner', vcNewProvider: 'Sprachdienst hinzufügen', vcTimeout: 'Zeitlimit (Sekunden)',
  vcPreview: 'Probehören', vcPreviewText: 'Text zum Probehören', vcPreviewSample: 'Guten Tag, ich bin der digitale Assistent Ihrer Gemeinde. Wie kann ich helfen?',
  vcPreviewOk: 'Vorschau bereit: {provider}, {ms} ms Audio, {visemes} Mundbilder.', vcProvider: 'Dienst', vcDefaultProvider: 'Standard des Mandanten',
  vcPreviewOf: 'Probehören: {name}', vcTestOnlySpeech: 'Spracherkennung wird beim ersten Mikrofon-Einsatz geprüft.',
  vcCharacters: 'Stimme je Charakter', vcCharactersIntro: 'Der Charakter, der antwortet, spricht mit dieser Stimme (im Widget). Ohne Auswahl gilt der Standard des Mandanten.',
  vcRate: 'Tempo', vcSaveFor: 'Stimme für {name} speichern', vcNoCharacters: 'Noch keine Charaktere angelegt.',
  vcAudio: 'Vorschau-Audio', vcEdit: 'Bearbeiten: {name}', vcEditing: 'Sprachdienst bearbeiten: {name}',
  vcKeyStoredSince: 'hinterlegt ({mask}, seit {date})', vcKeyKeep: 'leer lassen, um den hinterlegten Schlüssel zu behalten',
  vcRemoveKey: 'Hinterlegten Schlüssel entfernen'
};

const en = {
  nav_voice: 'Voices', voice: 'Voices and speech services',
  vcIntro: 'How the assistant speaks and listens. espeak-ng is built in and needs no service; cloud services (OpenAI-compatible, ElevenLabs, Azure) and speech recognition are set up here. Keys are stored encrypted and never shown again.',
  vcBuiltIn: 'espeak-ng (built in, offline)', vcBuiltInOk: 'available', vcBuiltInMissing: 'not installed: {why}',
  vcPurpose: 'Purpose', vcPurpose_speech: 'Speech output', vcPurpose_transcription: 'Speech recognition',
  vcType_espeak: 'espeak-ng (built in)', vcType_openai: 'OpenAI-compatible', vcType_elevenlabs: 'ElevenLabs', vcType_azure: 'Azure Speech (REST)',
  'vcType_azure-websocket': 'Azure Speech (WebSocket, with visemes)',
  vcRegion: 'Region (Azure)', vcModel: 'Model', vcVoice: 'Voice', vcVoiceHint: '(e.g. de, de+f3 for espeak-ng; nova for OpenAI)',
  vcKeyStored: 'stored', vcNoKey: 'none', vcNewProvider: 'Add speech service', vcTimeout: 'Time limit (seconds)',
  vcPreview: 'Preview', vcPreviewText: 'Text to preview', vcPreviewSample: 'Good day, I am your municipality\'s digital assistant. How can I help?',
  vcPreviewOk: 'Preview ready: {provider}, {ms} ms of audio, {visemes} mouth shapes.', vcProvider: 'Service', vcDefaultProvider: 'Tenant default',
  vcPreviewOf: 'Preview: {name}', vcTestOnlySpeech: 'Speech recognition is checked when the microphone is first used.',
  vcCharacters: 'Voice per character', vcCharactersIntro: 'The answering character speaks with this voice (in the widget). Without a choice the tenant default applies.',
  vcRate: 'Pace', vcSaveFor: 'Save voice for {name}', vcNoCharacters: 'No characters yet.',
  vcAudio: 'Preview audio', vcEdit: 'Edit: {name}', vcEditing: 'Edit speech service: {name}',
  vcKeyStoredSince: 'stored ({mask}, since {date})', vcKeyKeep: 'leave empty to keep the stored key',
  vcRemoveKey: 'Remove the stored key'
};

// the console's own keys win where both define one
TEXTS.de = Object.assign({}, de, TEXTS.de);
TEXTS.en = Object.assign({}, en, TEXTS.en);

const avatarDe = {
  nav_avatars: 'Avatare', avatars: 'Avatar-Bibliothek',
  avIntro: 'Sprechende 3D-Avatare für das Widget: GLB- oder VRM-Dateien mit Skelett (Armature, Hips, Spine, Neck, Head) und den 15 Visemen für die Lippenbewegung. Jede Datei wird vor dem Speichern geprüft.',
  avUpload: 'Avatar hochladen', avFile: 'Datei (GLB oder VRM)', avFileHint: '(höchstens 30 MB)', avPreview: 'Vorschau', avSize: 'Größe',
  avVisemes: 'Viseme', avArkit: 'ARKit-Formen', avTexture: 'Größte Textur', avVariants: 'Varianten', avWarnings: 'Hinweise',
  avDefault: 'Standard-Avatar von WattOS (erzeugt)', avRejected: 'Die Datei wurde abgelehnt:', avUploaded: '„{name}“ geprüft und gespeichert.',
  avPreviewOf: 'Vorschau von {name}', avCharacters: 'Avatar je Charakter', avCharactersIntro: 'Das Widget zeigt den Avatar des antwortenden Charakters, wenn das Widget selbst keinen festlegt.',
  avSaveFor: 'Avatar für {name} speichern', avDownload: 'GLB herunterladen',
  avr_too_large: 'Datei zu groß', avr_not_glb: 'keine GLB-Datei (glTF-Kopf fehlt)', avr_not_gltf2: 'nicht glTF 2.0', avr_truncated: 'Datei abgeschnitten',
  avr_invalid_json: 'glTF-Beschreibung fehlerhaft', avr_meshopt_unsupported: 'meshopt-Kompression wird nicht unterstützt',
  avr_draco_unsupported: 'Draco-Kompression wird nicht unterstützt', avr_webp_unsupported: 'WebP-Texturen werden nicht unterstützt',
  avr_basisu_unsupported: 'Basis-Universal-Texturen werden nicht unterstützt', avr_external_resource: 'verweist auf externe Dateien',
  avr_declared_size_mismatch: 'angegebene Größen passen nicht zur Datei', avr_texture_too_large: 'Textur zu groß', avr_too_complex: 'zu viele Dreiecke',
  avr_bones_missing: 'Skelett unvollständig', avr_visemes_missing: 'Viseme für die Lippenbewegung fehlen',
  avImport: 'Importieren', avImportTitle: 'Aus einem Link importieren', avImportUrls: 'Links (einer je Zeile)',
  avImportUrlsHint: '(GLB oder VRM, z. B. der Export-Link von Ready Player Me oder avaturn; höchstens 30 MB je Datei)',
  avImportIntro: 'WattOS lädt jede Datei selbst herunter (nur öffentliche Adressen) und prüft sie wie ein Hochladen. Zu jedem Link steht hier, was daraus wurde.',
  avImported: '{n} von {of} Avataren importiert.'
};

const avatarEn = {
  nav_avatars: 'Avatars', avatars: 'Avatar library',
  avIntro: 'Talking 3D avatars for the widget: GLB or VRM files with a rig (Armature, Hips, Spine, Neck, Head) and the 15 visemes for lip-sync. Every file is checked before it is stored.',
  avUpload: 'Upload avatar', avFile: 'File (GLB or VRM)', avFileHint: '(at most 30 MB)', avPreview: 'Preview', avSize: 'Size',
  avVisemes: 'Visemes', avArkit: 'ARKit shapes', avTexture: 'Largest texture', avVariants: 'Variants', avWarnings: 'Notes',
  avDefault: 'WattOS default avatar (generated)', avRejected: 'The file was refused:', avUploaded: '“{name}” checked and stored.',
  avPreviewOf: 'Preview of {name}', avCharacters: 'Avatar per character', avCharactersIntro: 'The widget shows the answering character\'s avatar unless the widget names one itself.',
  avSaveFor: 'Save avatar for {name}', avDownload: 'Download GLB',
  avr_too_large: 'file too large', avr_not_glb: 'not a GLB file (no glTF header)', avr_not_gltf2: 'not glTF 2.0', avr_truncated: 'file truncated',
  avr_invalid_json: 'broken glTF description', avr_meshopt_unsupported: 'meshopt compression is not supported',
  avr_draco_unsupported: 'Draco compression is not supported', avr_webp_unsupported: 'WebP textures are not supported',
  avr_basisu_unsupported: 'Basis Universal textures are not supported', avr_external_resource: 'refers to external files',
  avr_declared_size_mismatch: 'declared sizes do not match the file', avr_texture_too_large: 'texture too large', avr_too_complex: 'too many triangles',
  avr_bones_missing: 'rig incomplete', avr_visemes_missing: 'visemes for lip-sync missing',
  avImport: 'Import', avImportTitle: 'Import from a link', avImportUrls: 'Links (one per line)',
  avImportUrlsHint: '(GLB or VRM, e.g. the export link of Ready Player Me or avaturn; at most 30 MB per file)',
  avImportIntro: 'WattOS downloads each file itself (public addresses only) and checks it like an upload. Each link shows what became of it.',
  avImported: '{n} of {of} avatars imported.'
};

TEXTS.de = Object.assign({}, avatarDe, TEXTS.de);
TEXTS.en = Object.assign({}, avatarEn, TEXTS.en);
