package de.wattos.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.SecureContentHandler;
import org.apache.tika.sax.ToXMLContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.xml.sax.SAXException;

/**
 * Raw bytes to structured text. Detects the type from the content (and refuses uploads whose content does not
 * match their file extension), then: HTML with jsoup (main content only), Markdown and text directly, PDF and
 * office formats with Tika under limits (extracted characters, time, zip-bomb ratio, nesting depth).
 */
public class DocumentExtractor {

    static final String PDF = "application/pdf";
    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> MARKDOWN = Set.of("text/markdown", "text/x-web-markdown", "text/x-markdown");
    private static final Set<String> OFFICE = Set.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/msword",
            "application/vnd.oasis.opendocument.text",
            "application/rtf",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");

    private final int maxChars;
    private final Duration timeout;
    private final Detector detector;
    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final Parser parser;
    private final ExecutorService parsing = Executors.newVirtualThreadPerTaskExecutor();

    public DocumentExtractor(int maxChars, Duration timeout) {
        this.maxChars = maxChars;
        this.timeout = timeout;
        AutoDetectParser auto = new AutoDetectParser();
        this.parser = auto;
        this.detector = auto.getDetector();
    }

    /**
     * @param strictType true for uploads: the content must match the file extension / declared type
     */
    public ExtractedDocument extract(byte[] content, String declaredType, String filename, boolean strictType)
            throws ExtractionException {
        if (content == null || content.length == 0) {
            throw new ExtractionException("Die Datei ist leer / The file is empty");
        }
        String detected = detect(content, filename, declaredType);
        if (strictType) {
            checkExtension(detected, filename);
        }
        String family = family(detected, filename);
        ExtractedDocument doc = withTimeout(() -> switch (family) {
            case "html" -> html(content, detected);
            case "markdown" -> {
                PlainTextBlocks.Parsed p = PlainTextBlocks.markdown(decode(content));
                yield new ExtractedDocument(p.title(), p.blocks(), p.metadata(), "text/markdown");
            }
            case "text" -> {
                PlainTextBlocks.Parsed p = PlainTextBlocks.plain(decode(content));
                yield new ExtractedDocument(p.title(), p.blocks(), Map.of(), "text/plain");
            }
            case "tika" -> parseWithTika(content, detected, filename);
            default -> throw new ExtractionException("Dateityp wird nicht unterstützt (" + detected
                    + ") / Unsupported file type; erlaubt / allowed: PDF, DOCX, ODT, HTML, Markdown, TXT");
        }, detected);
        if (doc.blocks().isEmpty()) {
            if (PDF.equals(detected)) {
                throw new ExtractionException("PDF enthält keinen Text (gescanntes Bild? Texterkennung wird nicht unterstützt)"
                        + " / PDF contains no text (scanned image? OCR is not supported)");
            }
            throw new ExtractionException("Das Dokument enthält keinen Text / The document contains no text");
        }
        return doc;
    }

    /** The type by content; the name or declared type only refine generic answers (plain text, octet-stream). */
    String detect(byte[] content, String filename, String declaredType) {
        String byContent = detectWith(content, null);
        if (byContent.equals("text/plain") || byContent.equals("application/octet-stream")
                || byContent.equals("application/zip") || byContent.equals("application/x-tika-ooxml")
                || byContent.equals("application/x-tika-msoffice")) {
            if (declaredType != null && MediaType.parse(declaredType) != null) {
                String declared = MediaType.parse(declaredType).getBaseType().toString();
                if (byContent.equals("text/plain") && (HTML.contains(declared) || MARKDOWN.contains(declared))) {
                    return declared;
                }
            }
            if (filename != null) {
                String byName = detectWith(content, filename);
                // the name may only refine within the same family (text stays text, containers stay containers)
                if (byContent.equals("text/plain") ? family(byName, filename).matches("text|markdown|html")
                        : !byName.equals("text/plain")) {
                    return byName;
                }
            }
        }
        return byContent;
    }

    private String detectWith(byte[] content, String filename) {
        Metadata md = new Metadata();
        if (filename != null) {
            md.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        try (TikaInputStream in = TikaInputStream.get(content)) {
            return detector.detect(in, md).getBaseType().toString();
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    /** The content must belong to the family the extension promises. */
    private void checkExtension(String detected, String filename) throws ExtractionException {
        if (filename == null || !filename.contains(".")) {
            return;
        }
        Metadata byName = new Metadata();
        byName.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        String expected;
        try {
            expected = mimeTypes.detect(null, byName).getBaseType().toString();
        } catch (IOException e) {
            return;
        }
        if (expected.equals("application/octet-stream")) {
            return; // unknown extension: the content decides
        }
        String expectedFamily = family(expected, filename);
        String actualFamily = family(detected, filename);
        Set<String> textual = Set.of("text", "markdown", "html");
        boolean compatible = expected.equals(detected)
                || (textual.contains(expectedFamily) && textual.contains(actualFamily))
                || (expectedFamily.equals("tika") && actualFamily.equals("tika") && !expected.equals(PDF) && !detected.equals(PDF));
        if (!compatible && !expectedFamily.equals("unsupported")) {
            throw new ExtractionException("Dateiinhalt passt nicht zur Dateiendung " + extension(filename)
                    + " (erkannt: " + detected + ") / File content does not match its extension");
        }
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot).toLowerCase(Locale.ROOT);
    }

    static String family(String type, String filename) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (HTML.contains(type)) {
            return "html";
        }
        if (MARKDOWN.contains(type) || (type.equals("text/plain") && (name.endsWith(".md") || name.endsWith(".markdown")))) {
            return "markdown";
        }
        if (type.equals("text/plain")) {
            return "text";
        }
        if (type.equals(PDF) || OFFICE.contains(type)) {
            return "tika";
        }
        return "unsupported";
    }

    private ExtractedDocument html(byte[] content, String type) {
        Document doc;
        try (InputStream in = new ByteArrayInputStream(content)) {
            doc = Jsoup.parse(in, null, "");
        } catch (IOException e) {
            doc = Jsoup.parse(new String(content, StandardCharsets.UTF_8));
        }
        String title = HtmlBlocks.title(doc);
        Map<String, String> metadata = new LinkedHashMap<>();
        var description = doc.selectFirst("meta[name=description]");
        if (description != null && !description.attr("content").isBlank()) {
            metadata.put("description", TextNormalizer.normalize(description.attr("content")));
        }
        String lang = doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
        if (!lang.isBlank()) {
            metadata.put("language", lang);
        }
        List<Block> blocks = HtmlBlocks.mainContent(doc);
        return new ExtractedDocument(title, blocks, metadata, type);
    }

    /**
     * Every extractor runs on its own thread and the caller waits at most {@code timeout}: a parser that hangs or
     * crawls fails its document with a reason instead of holding an ingestion worker. The parse is interrupted; our
     * own parsers stop on that, a third-party one that ignores it finishes on its (virtual) thread in the background.
     */
    private ExtractedDocument withTimeout(Callable<ExtractedDocument> extraction, String type) throws ExtractionException {
        Future<ExtractedDocument> future = parsing.submit(extraction);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ExtractionException("Zeitüberschreitung beim Lesen der Datei (mehr als " + timeoutText()
                    + ") / Extraction timed out (more than " + timeoutText() + ")");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExtractionException("Extraktion abgebrochen / Extraction interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExtractionException ee) {
                throw ee;
            }
            throw new ExtractionException(describe(e.getCause(), type), e.getCause());
        }
    }

    private String timeoutText() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private ExtractedDocument parseWithTika(byte[] content, String type, String filename) throws Exception {
        Metadata md = new Metadata();
        md.set(Metadata.CONTENT_TYPE, type);
        if (filename != null) {
            md.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(true);
        pdf.setSortByPosition(false);
        context.set(PDFParserConfig.class, pdf);
        ToXMLContentHandler xml = new ToXMLContentHandler();
        WriteOutContentHandler limited = new WriteOutContentHandler(xml, maxChars * 2, false, context);
        try (TikaInputStream in = TikaInputStream.get(content)) {
            SecureContentHandler secure = new SecureContentHandler(limited, in);
            secure.setMaximumCompressionRatio(100);
            secure.setOutputThreshold(1_000_000);
            secure.setMaximumDepth(100);
            secure.setMaximumPackageEntryDepth(5);
            try {
                parser.parse(in, secure, md, context);
            } catch (SAXException e) {
                if (WriteLimitReachedException.isWriteLimitReached(e)) {
                    // too much text: keep what fits
                } else {
                    secure.throwIfCauseOf(e);
                    throw e;
                }
            }
        }
        Document doc = Jsoup.parse(xml.toString());
        boolean pages = PDF.equals(type);
        List<Block> blocks = HtmlBlocks.document(doc, pages);
        if (pages) {
            blocks = dropPageFurniture(blocks);
        }
        blocks = limitChars(blocks);
        String title = md.get(TikaCoreProperties.TITLE);
        if (title != null && TextNormalizer.normalize(title).isEmpty()) {
            title = null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "author", md.get(TikaCoreProperties.CREATOR));
        putIfPresent(metadata, "created", md.get(TikaCoreProperties.CREATED));
        putIfPresent(metadata, "language", md.get(TikaCoreProperties.LANGUAGE));
        String pageCount = md.get("xmpTPg:NPages");
        putIfPresent(metadata, "pages", pageCount);
        return new ExtractedDocument(title == null ? null : TextNormalizer.normalize(title), blocks, metadata, type);
    }

    private static final java.util.regex.Pattern PAGE_NUMBER = java.util.regex.Pattern.compile(
            "^[-–—\\s]*(Seite|Page|S\\.)?\\s*\\d+\\s*((von|/|of)\\s*\\d+)?[-–—\\s]*$", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Running headers and footers of PDFs: short lines that repeat verbatim on most pages, and page numbers. */
    static List<Block> dropPageFurniture(List<Block> blocks) {
        Map<String, java.util.Set<Integer>> pagesOf = new java.util.HashMap<>();
        java.util.Set<Integer> allPages = new java.util.HashSet<>();
        for (Block b : blocks) {
            if (b.page() != null) {
                allPages.add(b.page());
                if (b.text().length() <= 200) {
                    pagesOf.computeIfAbsent(furnitureKey(b.text()), k -> new java.util.HashSet<>()).add(b.page());
                }
            }
        }
        int threshold = Math.max(3, (allPages.size() + 1) / 2);
        List<Block> out = new java.util.ArrayList<>(blocks.size());
        for (Block b : blocks) {
            boolean furniture = b.text().length() <= 200 && !Chunker.isLegalHeading(b.text()) && (PAGE_NUMBER.matcher(b.text()).matches()
                    || (allPages.size() >= 3 && pagesOf.getOrDefault(furnitureKey(b.text()), java.util.Set.of()).size() >= threshold));
            if (!furniture) {
                out.add(b);
            }
        }
        return out;
    }

    private static String furnitureKey(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private List<Block> limitChars(List<Block> blocks) {
        int total = 0;
        for (int i = 0; i < blocks.size(); i++) {
            total += blocks.get(i).text().length();
            if (total > maxChars) {
                return blocks.subList(0, i);
            }
        }
        return blocks;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }

    static String describe(Throwable e, String type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException || t.getClass().getSimpleName().contains("InvalidPassword")) {
                return PDF.equals(type) ? "PDF ist verschlüsselt (passwortgeschützt) / PDF is encrypted (password protected)"
                        : "Dokument ist verschlüsselt (passwortgeschützt) / Document is encrypted (password protected)";
            }
            String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (msg.contains("zip bomb") || msg.contains("suspected zip bomb") || msg.contains("compression ratio")) {
                return "Verdacht auf ZIP-Bombe: die Datei entpackt sich unverhältnismäßig groß / "
                        + "Suspected zip bomb: the file expands far too much";
            }
            if (t instanceof ZeroByteFileException) {
                return "Die Datei ist leer / The file is empty";
            }
            if (t instanceof OutOfMemoryError) {
                return "Die Datei ist zu groß zum Verarbeiten / The file is too large to process";
            }
        }
        String what = PDF.equals(type) ? "PDF" : "Dokument";
        String whatEn = PDF.equals(type) ? "PDF" : "document";
        return what + " ist beschädigt oder kann nicht gelesen werden / " + whatEn + " is corrupt or cannot be read";
    }

    private static String decode(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            return new String(content, 3, content.length - 3, StandardCharsets.UTF_8);
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(content, Charset.forName("windows-1252"));
        }
    }

    /** Used by the tests and the pool shutdown. */
    public void close() {
        parsing.shutdownNow();
    }

    static boolean isTikaFailure(Throwable t) {
        return t instanceof TikaException || t instanceof IOException || t instanceof SAXException;
    }
}
