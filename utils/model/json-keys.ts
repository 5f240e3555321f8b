/**
 * The first key a JSON text gives twice in one object, or null. JSON.parse keeps the last of
 * duplicate keys (RFC 8259 §4: names SHOULD be unique, and readers differ on which they keep), so
 * a signal saying `"use": "notAllowed", "use": "allowed"` would read as its last word only.
 * Callers that must not pick one (DESIGN.md §2 rule 5: fail closed) treat such a text as
 * unreadable. Keys are compared decoded (`"a"` and `"\u0061"` are one key). One pass, linear in
 * the text; meant for text JSON.parse accepts (anything else gives null or a key, never throws).
 */
export function duplicateJsonKey(text: string): string | null {
  const objects: (Set<string> | null)[] = []; // null: an array
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') objects.push(new Set());
    else if (c === '[') objects.push(null);
    else if (c === '}' || c === ']') objects.pop();
    else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      let next = i + 1;
      while (next < text.length && ' \t\n\r'.includes(text[next]!)) next++;
      const keys = objects[objects.length - 1];
      if (text[next] !== ':' || !keys) continue;
      let key: string;
      try {
        key = JSON.parse(text.slice(start, i + 1)) as string;
      } catch {
        key = text.slice(start, i + 1);
      }
      if (keys.has(key)) return key;
      keys.add(key);
    }
  }
  return null;
}
