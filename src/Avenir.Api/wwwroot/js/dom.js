// Builds DOM nodes. Strings and numbers always become text nodes: data is never parsed as HTML.

/**
 * h('a', { href: '#/leads', class: 'x', onclick: fn, dataset: { id: 1 } }, 'text', childNode, [more])
 * Attribute values are set with setAttribute/properties; children are appended as nodes or text.
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'style' && typeof value === 'object') {
      // CSSOM, not the style attribute: the page's CSP allows no inline style attributes.
      Object.assign(element.style, value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' || name === 'checked' || name === 'selected' || name === 'disabled') {
      element[name] = value;
    } else if (name === 'class') {
      element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent` with `children`. */
export function mount(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
  return parent;
}

/** A <select> whose options are [value, label] pairs. */
export function select(attributes, options, selected) {
  return h('select', attributes, options.map(([value, label]) =>
    h('option', { value, selected: String(value) === String(selected ?? '') }, label)));
}

/** Copies text to the clipboard; falls back to selecting a temporary textarea. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'offscreen', readonly: true });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
