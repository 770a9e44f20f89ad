/* The layout check of tests/test_browser_projector.py (LAYOUT_CHECK there says what it checks), run in the page. */
(() => {
  const vw = innerWidth, vh = innerHeight, problems = [];
  const visible = (e) => { for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      if (n.classList && (n.classList.contains('visually-hidden') || n.classList.contains('skip'))) return false;
      const s = getComputedStyle(n); if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
      if (s.position === 'absolute' && s.clip === 'rect(0px, 0px, 0px, 0px)') return false; }
    return true; };
  const clipsOnPurpose = (e, stop) => { for (let n = e; n && n !== stop.parentElement; n = n.parentElement) {
      const s = getComputedStyle(n); if (s.webkitLineClamp !== 'none' || s.textOverflow === 'ellipsis') return true; }
    return false; };
  // the boxes that clip `e`: its ancestors that hide overflow, and itself for its own text
  const clippers = (e, self) => { const out = []; for (let n = self ? e : e.parentElement; n && n !== document.body; n = n.parentElement) {
      const s = getComputedStyle(n); if (s.overflowX !== 'visible' || s.overflowY !== 'visible') out.push(n); } return out; };
  const name = (e) => (e.id ? '#' + e.id : e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class').trim().split(/\s+/).join('.') : ''));
  const leaves = [];
  const add = (owner, r, label, graphic) => {
    if (r.width < 1 || r.height < 1) return;
    let box = {l: r.left, t: r.top, r: r.right, b: r.bottom};
    for (const c of clippers(owner, !graphic)) {
      const cr = c.getBoundingClientRect();
      const cut = {l: Math.max(box.l, cr.left), t: Math.max(box.t, cr.top), r: Math.min(box.r, cr.right), b: Math.min(box.b, cr.bottom)};
      if (cut.r - cut.l < 1 || cut.b - cut.t < 1) return;              // wholly clipped: not on screen
      const lost = (box.r - box.l) - (cut.r - cut.l) > 2 || (box.b - box.t) - (cut.b - cut.t) > 2;
      if (lost && !clipsOnPurpose(owner, c)) problems.push('cut by ' + name(c) + ': ' + label);
      box = cut;
    }
    if (box.l < -1 || box.t < -1 || box.r > vw + 1 || box.b > vh + 1) problems.push('outside the viewport: ' + label);
    leaves.push({owner, box, label, graphic});
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const owner = node.parentElement;
    if (!text || !owner || !visible(owner) || owner.closest('script, style, title')) continue;
    if (owner instanceof SVGElement) { add(owner, owner.getBoundingClientRect(), text.slice(0, 40), false); continue; }
    const range = document.createRange(); range.selectNodeContents(node);
    for (const r of range.getClientRects()) add(owner, r, text.slice(0, 40) + ' (' + name(owner) + ')', false);
  }
  for (const e of document.querySelectorAll('img, svg.pj-plot, .mark, .mark-all, .bar-track, .pj-rank-track, .stack-track, .cell-track, .pj-progress, .col-bar-wrap')) {
    if (visible(e)) add(e, e.getBoundingClientRect(), name(e), true);
  }
  for (let i = 0; i < leaves.length; i++) for (let j = i + 1; j < leaves.length; j++) {
    const a = leaves[i], b = leaves[j];
    if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
    if (a.graphic && b.graphic && a.owner.closest('svg') && a.owner.closest('svg') === b.owner.closest('svg')) continue; // data may coincide
    const iw = Math.min(a.box.r, b.box.r) - Math.max(a.box.l, b.box.l), ih = Math.min(a.box.b, b.box.b) - Math.max(a.box.t, b.box.t);
    const small = Math.min(a.box.b - a.box.t, b.box.b - b.box.t);
    if (iw > 2 && ih > Math.max(3, small * 0.25)) problems.push('overlap: ' + a.label + ' × ' + b.label);
  }
  return problems.slice(0, 12);
})
