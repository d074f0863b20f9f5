/**
 * Sentences in one line of text: English puts a space between them, Chinese none after its
 * full-width punctuation ("…名称。名称必须为小写。", not "…名称。 名称…").
 */
const FULL_WIDTH_END = /[。！？；：，）」』]$/;

export function joinSentences(sentences: readonly string[]): string {
  return sentences.filter(Boolean).reduce((text, next) => (!text ? next : `${ text }${ FULL_WIDTH_END.test(text) ? '' : ' ' }${ next }`), '');
}
