import { parse } from 'yaml';
import { indent, parseOutputFormat, renderDocument, renderFields, renderTable } from '../../../cli/output';
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
    const data = { name: 'lab', items: [{ a: 1 }], url: 'https://x/y?z=1', nothing: null };

    expect(JSON.parse(renderDocument('json', data))).toEqual(data);
    expect(parse(renderDocument('yaml', data))).toEqual(data);
    expect(renderDocument('json', data).endsWith('}\n')).toBe(true);
  });

  it('indent leaves empty lines alone', () => {
    expect(indent('a\n\nb\n')).toBe('  a\n\n  b\n');
  });
});
