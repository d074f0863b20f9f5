import { parse } from 'yaml';
import {
  indent, parseOutputFormat, renderDocument, renderFields, renderTable
} from '../../../cli/output';
import { EXIT } from '../../../cli/errors';

describe('cli: output', () => {
  it('parseOutputFormat accepts table, json, yaml (any case) and refuses the rest as usage errors', () => {
    expect(parseOutputFormat(undefined)).toBe('table');
    expect(parseOutputFormat('JSON')).toBe('json');
    expect(parseOutputFormat('yaml')).toBe('yaml');
    expect(() => parseOutputFormat('xml')).toThrow(expect.objectContaining({ exitCode: EXIT.USAGE, fix: 'Use one of: table, json, yaml.' }));
  });

  it('renderTable pads columns like kubectl, without trailing blanks', () => {
    expect(renderTable(['NAME', 'STATE', 'AGE'], [['harvester-prod', 'Active', '3d'], ['lab', 'Pending', '']])).toBe([
      'NAME            STATE    AGE',
      'harvester-prod  Active   3d',
      'lab             Pending',
      '',
    ].join('\n'));
    expect(renderTable(['A'], [])).toBe('A\n');
  });

  it('renderFields aligns values and drops empty ones', () => {
    expect(renderFields([['Name', 'lab'], ['Harvester', undefined], ['Kubernetes', 'v1.31'], ['Reason', '']])).toBe('Name:        lab\nKubernetes:  v1.31\n');
  });

  it('renderDocument writes json and yaml that parse back to the data', () => {
    const data = {
      name: 'lab', items: [{ a: 1 }], url: 'https://x/y?z=1', nothing: null
    };

    expect(JSON.parse(renderDocument('json', data))).toEqual(data);
    expect(parse(renderDocument('yaml', data))).toEqual(data);
    expect(renderDocument('json', data).endsWith('}\n')).toBe(true);
  });

  it('renderTable and renderFields show Rancher\'s text as one line without terminal controls, aligned by what is shown', () => {
    const hostile = 'esc\u001b[2J\u001b]0;pwned\u0007x\nfake-row  Active';

    expect(renderTable(['NAME', 'STATE'], [[hostile, 'Active'], ['lab', 'Pending']])).toBe([
      'NAME                   STATE',
      'escx fake-row  Active  Active',
      'lab                    Pending',
      '',
    ].join('\n'));
    expect(renderFields([['Name', hostile], ['Only', '\u001b[0m']])).toBe('Name:  escx fake-row  Active\n');
  });

  it('renderDocument keeps every value exactly, with no raw control character in the text', () => {
    const values = ['esc\u001b[2J\u001b]0;pwned\u0007…', 'c1\u009b31m', '\u009btrue', 'del\u007f', 'nel\u0085', 'bel\u0007', 'multi\nline', '集群 🚀'];
    const data = { items: values.map((name) => ({ name, [name]: 1 })) };
    const json = renderDocument('json', data);
    const yaml = renderDocument('yaml', data);

    for (const text of [json, yaml]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex -- the test looks for C0/C1 control characters, so the pattern has to name them
    }
    expect(JSON.parse(json)).toEqual(data);
    expect(parse(yaml)).toEqual(data);
    expect(json).toContain('"c1\\u009b31m"');
    expect(yaml).toContain('name: "c1\\x9b31m"');
    expect(yaml).toContain('name: 集群 🚀');
  });

  it('indent leaves empty lines alone', () => {
    expect(indent('a\n\nb\n')).toBe('  a\n\n  b\n');
  });
});
