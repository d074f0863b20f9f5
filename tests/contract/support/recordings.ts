/**
 * Responses recorded from a real Rancher, as `@rancher/cypress` ships them (its `e2e/blueprints/`
 * and a few inline bodies of its specs), read from the copy `scripts/fetch-rancher-recordings.ts`
 * unpacks into `.cache/rancher-cypress/package/`.
 *
 * Nothing from the package is executed: the TypeScript source is parsed and the literal a
 * variable (or a function's `return`) holds is turned into a value. What is not a literal there
 * becomes UNKNOWN (any JSON type accepted by the shape comparison): identifiers such as the
 * blueprints' `CYPRESS_SAFE_RESOURCE_REVISION` (Cypress scrubs the recorded `revision`), calls,
 * and spreads (the object is then marked OPEN: fields the recording does not show are allowed).
 * A template literal is a string whatever it interpolates.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

export const RECORDINGS_ROOT = path.resolve(__dirname, '../../../.cache/rancher-cypress/package');

/** A value the recording does not pin down (scrubbed or computed). */
export const UNKNOWN: unique symbol = Symbol('unknown');
/** Set on a recorded object literal that spreads something in: its field list is incomplete. */
export const OPEN: unique symbol = Symbol('open');

export class RecordingMissing extends Error {}

function sourceOf(file: string): ts.SourceFile {
  const full = path.join(RECORDINGS_ROOT, file);

  if (!fs.existsSync(full)) {
    throw new RecordingMissing(`${ full } is missing: run \`npx tsx scripts/fetch-rancher-recordings.ts\` (scripts/test.sh does)`);
  }

  return ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }

  return undefined;
}

/** The value a literal expression denotes; UNKNOWN where it is not a literal. */
export function literalValue(node: ts.Expression): unknown {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
    return literalValue(node.expression);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
    return ts.isTemplateExpression(node) ? node.head.text + node.templateSpans.map((s) => `\${}${ s.literal.text }`).join('') : node.text;
  }
  if (ts.isNumericLiteral(node)) {
    return Number(node.text);
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) {
    return true;
  }
  if (node.kind === ts.SyntaxKind.FalseKeyword) {
    return false;
  }
  if (node.kind === ts.SyntaxKind.NullKeyword) {
    return null;
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.filter((e) => !ts.isSpreadElement(e)).map((e) => literalValue(e));
  }
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string | symbol, unknown> = {};

    for (const prop of node.properties) {
      if (ts.isPropertyAssignment(prop)) {
        const key = propertyName(prop.name);

        if (key !== undefined) {
          out[key] = literalValue(prop.initializer);
        }
      } else if (ts.isShorthandPropertyAssignment(prop)) {
        out[prop.name.text] = UNKNOWN;
      } else if (ts.isSpreadAssignment(prop)) {
        out[OPEN] = true;
      }
    }

    return out;
  }

  return UNKNOWN;
}

function find<T extends ts.Node>(root: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  const visit = (n: ts.Node) => {
    if (test(n)) {
      out.push(n);
    }
    ts.forEachChild(n, visit);
  };

  visit(root);

  return out;
}

/**
 * The literal held by the variable `name` in `file` (relative to the unpacked package, e.g.
 * `e2e/blueprints/manager/hosted-cluster-mocks.ts`), wherever it is declared, or the object
 * literal the function `name` returns.
 */
export function recorded<T = Record<string, unknown>>(file: string, name: string): T {
  const src = sourceOf(file);
  const variable = find(src, ts.isVariableDeclaration).find((d) => ts.isIdentifier(d.name) && d.name.text === name);

  if (variable?.initializer) {
    return literalValue(variable.initializer) as T;
  }
  const fn = find(src, ts.isFunctionDeclaration).find((d) => d.name?.text === name);
  const ret = fn?.body && find(fn.body, ts.isReturnStatement).find((r) => r.expression && ts.isObjectLiteralExpression(r.expression));

  if (ret?.expression) {
    return literalValue(ret.expression) as T;
  }
  throw new Error(`${ file }: no variable or function named ${ name } holding a literal`);
}

/** Where a recording comes from, for test titles and failure messages. */
export function source(file: string, name: string): string {
  return `@rancher/cypress ${ file.replace(/^e2e\//, '') } › ${ name }`;
}
