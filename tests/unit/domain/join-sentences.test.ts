import { joinSentences } from '../../../pkg/harvester-manager/domain/join-sentences';

describe('domain: joining translated sentences', () => {
  it('a space between English sentences, none after Chinese full-width punctuation', () => {
    expect(joinSentences(['Name must not contain dots.', 'Name must be lowercase.'])).toBe('Name must not contain dots. Name must be lowercase.');
    expect(joinSentences(['名称不能包含点号。', '名称必须为小写。'])).toBe('名称不能包含点号。名称必须为小写。');
    expect(joinSentences(['无法保存。', 'You are not allowed (HTTP 403).', '', '（Rancher 返回：x）'])).toBe('无法保存。You are not allowed (HTTP 403). （Rancher 返回：x）');
    expect(joinSentences([])).toBe('');
  });
});
