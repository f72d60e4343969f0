package de.wattos.avatar.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import de.wattos.IntegrationTest;
import de.wattos.avatar.AvatarUploaded;
import de.wattos.avatar.Avatars;
import de.wattos.avatar.internal.AvatarFixtures;
import de.wattos.avatar.internal.glb.Glb;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.support.TestApi;
import de.wattos.tenancy.Tenants;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/** An editor builds the tenant's avatar library: uploads, imports, variants by device, refusals with reasons. */
@IntegrationTest
class AvatarApiTest {

    static final List<AvatarUploaded> UPLOADED = new CopyOnWriteArrayList<>();
    static final java.util.concurrent.atomic.AtomicBoolean LISTENING = new java.util.concurrent.atomic.AtomicBoolean();

    @LocalServerPort
    int port;
    @Autowired
    Avatars avatars;
    @Autowired
    Tenants tenants;
    @Autowired
    ConfigurableApplicationContext context;
    TestApi api;
    TestApi.Tenant tenant;
    String editor;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        tenant = api.createTenant();
        editor = api.userToken(tenant.slug(), Role.EDITOR);
        // listening at runtime keeps the shared test context (an @Import would start another one)
        if (LISTENING.compareAndSet(false, true)) {
            context.addApplicationListener((ApplicationListener<ApplicationEvent>) e -> {
                if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof AvatarUploaded uploaded) {
                    UPLOADED.add(uploaded);
                }
            });
        }
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant.slug() + "/avatars" + rest;
    }

    @Test
    void anUploadedAvatarGetsVariantsAThumbnailAndAnEvent() throws Exception {
        TestApi.Response r = api.multipart(path(""), editor, "file", Map.of("Sprecherin.glb", AvatarFixtures.good(4500, 300)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode avatar = r.json();
        UUID id = UUID.fromString(avatar.path("id").asString());
        assertThat(avatar.path("name").asString()).isEqualTo("Sprecherin");
        assertThat(avatar.path("visemes").asInt()).isEqualTo(15);
        assertThat(avatar.path("largestTexture").asInt()).isEqualTo(4500);
        assertThat(avatar.path("variants").toString()).isEqualTo("[4500,1024,2048,4096]");
        assertThat(UPLOADED).anyMatch(e -> e.avatarId().equals(id) && e.tenantId().equals(tenant.id()));

        for (int cap : new int[] {1024, 2048, 4096}) {
            HttpResponse<byte[]> glb = api.http().send(api.builder(path("/" + id + "/glb?maxTexture=" + cap), editor).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(glb.statusCode()).isEqualTo(200);
            assertThat(glb.headers().firstValue("Content-Type")).hasValue("model/gltf-binary");
            Glb parsed = Glb.parse(glb.body());
            byte[] png = parsed.view(parsed.array("images").get(0).path("bufferView").asInt());
            assertThat(java.nio.ByteBuffer.wrap(png).getInt(16)).as("texture width at cap %d", cap).isEqualTo(cap);
        }
        HttpResponse<byte[]> thumb = api.http().send(api.builder(path("/" + id + "/thumbnail"), editor).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/png");

        assertThat(api.get(path(""), editor).json()).hasSize(1);
        assertThat(api.get(path("/" + id), editor).json().path("report").path("visemesFound")).hasSize(15);
        var ref = tenants.ref(tenant.id()).orElseThrow();
        assertThat(TenantContext.callAs(ref, () -> avatars.find(id))).isPresent();

        assertThat(api.delete(path("/" + id), editor).status()).isEqualTo(204);
        assertThat(api.get(path("/" + id + "/glb"), editor).status()).isEqualTo(404);
    }

    /** A VRoid export (VRM 1.0) is stored mapped: the file the widget loads has Mixamo bones and the 15 visemes. */
    @Test
    void aVrmAvatarIsStoredWithItsBonesAndVisemesMapped() throws Exception {
        TestApi.Response checked = api.multipart(path("/checks"), editor, "file", Map.of("lotte.vrm", AvatarFixtures.vrm(false)));
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.json().path("valid").asBoolean()).as(checked.body()).isTrue();
        assertThat(checked.body()).contains("vrm_mapped").contains("VRM 0.x");

        TestApi.Response r = api.multipart(path(""), editor, "file", Map.of("Lotte.vrm", AvatarFixtures.vrm(true)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("name").asString()).isEqualTo("Lotte");
        assertThat(r.json().path("visemes").asInt()).isEqualTo(15);
        assertThat(r.json().path("warnings").toString()).contains("VRM 1.0");
        HttpResponse<byte[]> glb = api.http().send(api.builder(path("/" + r.json().path("id").asString() + "/glb"), editor)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(glb.statusCode()).isEqualTo(200);
        String names = Glb.parse(glb.body()).array("nodes").toString();
        assertThat(names).contains("\"Armature\"").contains("\"Head\"").doesNotContain("J_Bip_C_Head");
        assertThat(Glb.parse(glb.body()).array("meshes").toString()).contains("viseme_PP").contains("eyeBlinkLeft");
    }

    @Test
    void anInvalidFileIsRefusedWithEveryReason() {
        TestApi.Response r = api.multipart(path(""), editor, "file", Map.of("kaputt.glb", AvatarFixtures.missingBones()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("avatar_invalid");
        assertThat(r.json().path("errors").get(0).path("code").asString()).isEqualTo("bones_missing");
        assertThat(api.get(path(""), editor).json()).isEmpty();

        TestApi.Response check = api.multipart(path("/checks"), editor, "file", Map.of("x.glb", AvatarFixtures.meshopt()));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().path("valid").asBoolean()).isFalse();
        assertThat(check.json().path("errors").get(0).path("code").asString()).isEqualTo("meshopt_unsupported");
    }

    @Test
    void anAvatarIsImportedFromAUrlThroughTheGuard() throws Exception {
        byte[] file = AvatarFixtures.good(256, 256);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/export/", ex -> {
            if (ex.getRequestURI().getPath().endsWith("old.glb")) {
                ex.getResponseHeaders().add("Location", "/export/avatar-123.glb");
                ex.sendResponseHeaders(302, -1);
            } else {
                ex.getResponseHeaders().add("Content-Type", "model/gltf-binary");
                ex.sendResponseHeaders(200, file.length);
                ex.getResponseBody().write(file);
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/export/old.glb";
            TestApi.Response r = api.post(path("/imports"), editor, Map.of("url", url));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().path("source").asString()).isEqualTo("url");
            assertThat(r.json().path("name").asString()).isEqualTo("old");
        } finally {
            server.stop(0);
        }
        TestApi.Response blocked = api.post(path("/imports"), editor, Map.of("url", "file:///etc/passwd"));
        assertThat(blocked.status()).isEqualTo(400);
        assertThat(blocked.json().path("errors").get(0).path("code").asString()).isEqualTo("unsupported_scheme");
    }

    @Test
    void theDefaultAvatarIsAlwaysThere() throws Exception {
        HttpResponse<byte[]> glb = api.http().send(api.builder(path("/default/glb"), editor).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(glb.statusCode()).isEqualTo(200);
        assertThat(new String(glb.body(), 0, 4)).isEqualTo("glTF");
    }
}
