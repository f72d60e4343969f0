// The avatar frame (/w/{key}/avatar): three.js renders the widget's avatar; its mouth follows the server's viseme
// timings on the clock of the audio the widget plays (sent by postMessage), with short cross-fades between shapes;
// blinks and a slight sway between answers. Visitors who prefer reduced motion get the still portrait instead.
const stage = document.getElementById('stage');
const api = '/api/v1/public/widgets/' + encodeURIComponent(stage.dataset.key || '');
const VISEMES = ['sil', 'PP', 'FF', 'TH', 'DD', 'kk', 'CH', 'SS', 'nn', 'RR', 'aa', 'E', 'I', 'O', 'U'];
const track = { visemes: [], clock: 0, at: 0, playing: false };
// what tests and the benchmark read: frames drawn, frame rate, and (while speaking) samples of the mouth on the audio clock
const probe = window.__wattosAvatar = { frames: 0, fps: 0, ready: false, reducedMotion: false, samples: [], tracks: [] };

window.addEventListener('message', (e) => {
  if (e.source !== window.parent) return;
  const m = e.data || {};
  if (m.type === 'speak') {
    track.visemes = Array.isArray(m.visemes) ? m.visemes : []; track.clock = 0; track.at = performance.now(); track.playing = true;
    probe.tracks.push(track.visemes);
  } else if (m.type === 'clock' && Number.isFinite(m.t)) { track.clock = m.t; track.at = performance.now(); }
  else if (m.type === 'stop' || m.type === 'idle') { track.playing = false; }
});

if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
  probe.reducedMotion = true;
  const img = document.createElement('img');
  img.alt = ''; img.onload = () => { probe.ready = true; };
  img.src = api + '/avatar.png';
  stage.append(img);
} else {
  start().catch((e) => { probe.error = String(e); console.warn('[wattos] avatar: ' + e); });
}

/** The viseme the timeline shows at {@code ms} (binary search; 'sil' between and after). */
function visemeAt(ms) {
  const v = track.visemes;
  let lo = 0, hi = v.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (v[mid].t + v[mid].d <= ms) lo = mid + 1; else if (v[mid].t > ms) hi = mid - 1; else return v[mid].v;
  }
  return 'sil';
}

async function start() {
  const THREE = await import('three');
  const { GLTFLoader } = await import('three/addons/loaders/GLTFLoader.js');
  const renderer = new THREE.WebGLRenderer({ antialias: true, alpha: true });
  renderer.setPixelRatio(Math.min(2, devicePixelRatio || 1));
  stage.append(renderer.domElement);
  const scene = new THREE.Scene();
  scene.add(new THREE.HemisphereLight(0xffffff, 0x445566, 2.2));
  const sun = new THREE.DirectionalLight(0xffffff, 1.4); sun.position.set(0.5, 1, 2); scene.add(sun);
  const camera = new THREE.PerspectiveCamera(28, 1, 0.01, 100);
  // the texture variant by device: large screens with dense pixels get 4096, phones 1024
  const px = screen.width * (devicePixelRatio || 1);
  const cap = px >= 2000 ? 4096 : px >= 1000 ? 2048 : 1024;
  const gltf = await new GLTFLoader().loadAsync(api + '/avatar.glb?maxTexture=' + cap);
  const model = gltf.scene;
  scene.add(model);
  const faces = [];
  model.traverse((o) => { if (o.morphTargetDictionary && o.morphTargetInfluences) faces.push(o); });
  const head = model.getObjectByName('Head');
  const box = new THREE.Box3().setFromObject(head && head.children.length ? head : model);
  const centre = box.getCenter(new THREE.Vector3());
  const size = box.getSize(new THREE.Vector3());
  camera.position.set(centre.x, centre.y, centre.z + Math.max(size.y, size.x) * 3.2);
  camera.lookAt(centre);
  const resize = () => {
    const w = stage.clientWidth || innerWidth, h = stage.clientHeight || innerHeight;
    renderer.setSize(w, h, false); camera.aspect = w / h; camera.updateProjectionMatrix();
  };
  addEventListener('resize', resize); resize();
  const weights = Object.fromEntries(VISEMES.map((v) => [v, 0]));
  const set = (name, value) => { for (const f of faces) { const i = f.morphTargetDictionary[name]; if (i !== undefined) f.morphTargetInfluences[i] = value; } };
  // the weight actually on the mesh, not what the driver meant to set
  const onMesh = (name) => { for (const f of faces) { const i = f.morphTargetDictionary[name]; if (i !== undefined) return f.morphTargetInfluences[i]; } return 0; };
  let last = performance.now(), blinkAt = last + 2500, fpsFrames = 0, fpsFrom = last;
  probe.ready = true;
  probe.morphTargets = faces.flatMap((f) => Object.keys(f.morphTargetDictionary));
  probe.bones = ['Armature', 'Hips', 'Spine', 'Neck', 'Head'].filter((n) => model.getObjectByName(n));
  renderer.setAnimationLoop((now) => {
    const dt = Math.min(0.1, (now - last) / 1000); last = now;
    const ms = track.playing ? track.clock + (now - track.at) : -1;
    const target = track.playing ? visemeAt(ms) : 'sil';
    const fade = 1 - Math.exp(-dt / 0.05); // ~50 ms cross-fade between mouth shapes
    for (const v of VISEMES) { weights[v] += ((v === target ? 1 : 0) - weights[v]) * fade; set('viseme_' + v, weights[v]); }
    const blink = now > blinkAt ? Math.max(0, 1 - Math.abs(now - blinkAt - 80) / 80) : 0;
    if (now > blinkAt + 160) blinkAt = now + 2500 + Math.random() * 3000;
    set('eyeBlinkLeft', blink); set('eyeBlinkRight', blink);
    model.rotation.y = Math.sin(now / 2100) * 0.05; model.position.y = Math.sin(now / 1300) * 0.002;
    renderer.render(scene, camera);
    probe.frames++; fpsFrames++;
    if (now - fpsFrom > 1000) { probe.fps = fpsFrames * 1000 / (now - fpsFrom); fpsFrames = 0; fpsFrom = now; }
    if (track.playing && probe.samples.length < 5000) {
      let top = 'sil', best = -1;
      for (const v of VISEMES) { const x = onMesh('viseme_' + v); if (x > best) { best = x; top = v; } }
      probe.samples.push({ k: probe.tracks.length - 1, t: ms, top, w: best });
    }
  });
}
