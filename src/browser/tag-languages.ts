/**
 * Chromium writes a structure element's /Lang only for elements that are in its accessibility tree
 * (printing/common/metafile_utils.cc, RecursiveBuildStructureTree: `tag->fLang` from
 * `ax_node->GetLanguage()`, walking unignored nodes only). A plain <span lang="se"> or a <div lang="fi">
 * around paragraphs is "ignored" there, so its language would be lost: a Sámi name on an English page
 * read with English rules. Blink keeps an element with an id in the tree (verified with Chromium 156),
 * so every element with a lang attribute and no id gets one before printing.
 */
export function tagLanguages(): number {
  let n = 0;
  // Iterate, not forEach: with page scripts disabled, callbacks from native code cannot run.
  for (const el of document.querySelectorAll('[lang]:not([id])')) el.id = `lehtinen-lang-${++n}`;
  return n;
}
