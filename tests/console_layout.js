/* The console's layout check (tests/test_browser_runshow.py): a function Playwright evaluates in
   the page; it returns the problems found, none when the cockpit fits. */
() => {
  const doc = document.scrollingElement;
  const problems = [];
  if (doc.scrollHeight > window.innerHeight + 1) {
    const clipped = (n) => { for (let p = n.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowY !== "visible") return true; } return false; };
    const low = [...document.querySelectorAll("body *")].filter((n) => n.getBoundingClientRect().bottom > window.innerHeight + 1
      && !n.closest("[hidden]") && !clipped(n)).slice(0, 4).map((n) => `${n.tagName}#${n.id}.${n.className}:${Math.round(n.getBoundingClientRect().bottom)}`);
    problems.push(`page scrolls: ${doc.scrollHeight} > ${window.innerHeight} (${low.join(", ")})`);
  }
  if (doc.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth}`);
  const visible = (node) => {
    const box = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && !node.closest("[hidden]");
  };
  const name = (node) => node.id || node.className || node.tagName;
  const cards = [...document.querySelectorAll(".c-head, .c-grid > section, .c-centre > section, .c-side > section, .c-side > details, .c-tabs")].filter(visible);
  for (const card of cards) {
    const b = card.getBoundingClientRect();
    if (b.top < -1 || b.left < -1 || b.bottom > window.innerHeight + 1 || b.right > window.innerWidth + 1) {
      problems.push(`outside the window: ${name(card)} ${JSON.stringify(b)}`);
    }
  }
  const overlap = (a, b) => {
    const x = a.getBoundingClientRect(), y = b.getBoundingClientRect();
    return x.left < y.right - 1 && y.left < x.right - 1 && x.top < y.bottom - 1 && y.top < x.bottom - 1;
  };
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) {
    if (!cards[i].contains(cards[j]) && !cards[j].contains(cards[i]) && overlap(cards[i], cards[j])) {
      problems.push(`overlap: ${name(cards[i])} / ${name(cards[j])}`);
    }
  }
  for (const card of cards) {
    const parts = [...card.querySelectorAll("h1, h2, h3, button, select, textarea, input:not([type=hidden]), .badge, .c-meta-bit, .conn, .round-line, .step-hint")]
      .filter(visible).filter((n) => {
        // inside the card's scroll area: only what is scrolled into view counts
        const b = n.getBoundingClientRect(), c = card.getBoundingClientRect();
        return b.bottom > c.top && b.top < c.bottom;
      });
    const c = card.getBoundingClientRect();
    for (const part of parts) {
      const b = part.getBoundingClientRect();
      if (b.right > c.right + 1 || b.left < c.left - 1) problems.push(`sticks out of ${name(card)}: ${name(part)} "${part.textContent.trim().slice(0, 30)}"`);
    }
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
      if (!parts[i].contains(parts[j]) && !parts[j].contains(parts[i]) && overlap(parts[i], parts[j])) {
        problems.push(`overlap in ${name(card)}: ${name(parts[i])} "${parts[i].textContent.trim().slice(0, 30)}" / ${name(parts[j])} "${parts[j].textContent.trim().slice(0, 30)}"`);
      }
    }
  }
  return problems;
}
