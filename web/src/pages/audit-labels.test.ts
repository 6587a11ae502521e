/**
 * The audit log (AuditPage) never shows a raw code: every action and record type the server writes has a label in
 * ja.json and en.json, and the record-type filter (the keys of `audit.entities`) offers exactly the types written.
 *
 * The server's sources are parsed with the TypeScript parser and every `writeAudit(executor, clock, context, entry)`
 * call is read. An `action`/`entity` that is not a string literal is resolved: a conditional or template literal
 * into each of its values, a variable into its initialiser, a parameter into its declared type (a union of
 * literals, or `(typeof rosterEvents)[number]` → the tuple), and a helper's `action: string` parameter into the
 * literals its callers pass. Anything else fails the test, so that a new audit writer stays checkable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import ja from '../i18n/ja.json';
import en from '../i18n/en.json';

const serverRoot = join(import.meta.dirname, '..', '..', '..', 'src');

function serverFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return serverFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

const sources = serverFiles(serverRoot).map((path) =>
  ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true),
);

function nodesOf(root: ts.Node): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node) => {
    found.push(node);
    node.forEachChild(visit);
  };
  visit(root);
  return found;
}

const allNodes = sources.map((source) => ({ source, nodes: nodesOf(source) }));

function where(node: ts.Node): string {
  const source = node.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(node.getStart());
  return `${relative(serverRoot, source.fileName)}:${line + 1}`;
}

function unresolved(node: ts.Node): Error {
  return new Error(`cannot tell which audit codes \`${node.getText()}\` stands for (src/${where(node)})`);
}

const nameOf = (node: ts.Node): string | undefined =>
  'name' in node && node.name && ts.isIdentifier(node.name as ts.Node) ? (node.name as ts.Identifier).text : undefined;

/** The parameter or variable an identifier refers to, looked up through the enclosing scopes. */
function declarationOf(identifier: ts.Identifier): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let node: ts.Node | undefined = identifier.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) {
      const parameter = node.parameters.find((candidate) => nameOf(candidate) === identifier.text);
      if (parameter) return parameter;
    }
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      for (const statement of node.statements) {
        if (!ts.isVariableStatement(statement) || statement.pos > identifier.pos) continue;
        const variable = statement.declarationList.declarations.find(
          (candidate) => nameOf(candidate) === identifier.text,
        );
        if (variable) return variable;
      }
    }
  }
  return undefined;
}

function unwrap(expression: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isSatisfiesExpression(expression)
    ? unwrap(expression.expression)
    : expression;
}

/** Every string an expression can evaluate to. */
function valuesOf(node: ts.Expression, depth = 0): string[] {
  if (depth > 8) throw unresolved(node);
  const expression = unwrap(node);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isConditionalExpression(expression))
    return [...valuesOf(expression.whenTrue, depth + 1), ...valuesOf(expression.whenFalse, depth + 1)];
  if (ts.isTemplateExpression(expression)) {
    return expression.templateSpans.reduce(
      (prefixes, span) => {
        const middles = valuesOf(span.expression, depth + 1);
        return prefixes.flatMap((prefix) => middles.map((middle) => `${prefix}${middle}${span.literal.text}`));
      },
      [expression.head.text],
    );
  }
  if (ts.isIdentifier(expression)) return valuesOfIdentifier(expression, depth + 1);
  throw unresolved(expression);
}

function valuesOfIdentifier(identifier: ts.Identifier, depth: number): string[] {
  const declaration = declarationOf(identifier);
  if (!declaration) throw unresolved(identifier);
  if (ts.isVariableDeclaration(declaration)) {
    if (declaration.initializer) return valuesOf(declaration.initializer, depth);
    if (declaration.type) return valuesOfType(declaration.type, depth) ?? [];
    throw unresolved(identifier);
  }
  const typed = declaration.type ? valuesOfType(declaration.type, depth) : null;
  if (typed) return typed;
  return valuesPassedTo(declaration, depth);
}

/** A helper's `action: string` parameter: the values its callers (in the same file) pass for it. */
function valuesPassedTo(parameter: ts.ParameterDeclaration, depth: number): string[] {
  const fn = parameter.parent;
  const index = fn.parameters.indexOf(parameter);
  const name = nameOf(fn) ?? (ts.isVariableDeclaration(fn.parent) ? nameOf(fn.parent) : undefined);
  if (!name) throw unresolved(parameter);
  const calls = nodesOf(parameter.getSourceFile()).filter(
    (node): node is ts.CallExpression =>
      ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name,
  );
  if (calls.length === 0) throw unresolved(parameter);
  return calls.flatMap((call) => {
    const argument = call.arguments[index];
    if (argument) return valuesOf(argument, depth + 1);
    if (parameter.initializer) return valuesOf(parameter.initializer, depth + 1);
    throw unresolved(call);
  });
}

/** The string literals a type allows, or null for plain `string`. */
function valuesOfType(type: ts.TypeNode, depth: number): string[] | null {
  if (depth > 8) throw unresolved(type);
  if (type.kind === ts.SyntaxKind.StringKeyword) return null;
  if (ts.isParenthesizedTypeNode(type)) return valuesOfType(type.type, depth + 1);
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  if (ts.isUnionTypeNode(type)) return type.types.flatMap((member) => valuesOfType(member, depth + 1) ?? []);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const name = type.typeName.text;
    const aliases = allNodes.flatMap(({ nodes }) =>
      nodes.filter(
        (node): node is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(node) && node.name.text === name,
      ),
    );
    if (aliases.length === 0) throw unresolved(type);
    return aliases.flatMap((alias) => valuesOfType(alias.type, depth + 1) ?? []);
  }
  // (typeof rosterEvents)[number]
  if (ts.isIndexedAccessTypeNode(type) && type.indexType.kind === ts.SyntaxKind.NumberKeyword) {
    const query = ts.isParenthesizedTypeNode(type.objectType) ? type.objectType.type : type.objectType;
    if (!ts.isTypeQueryNode(query) || !ts.isIdentifier(query.exprName)) throw unresolved(type);
    const name = query.exprName.text;
    const tuples = allNodes.flatMap(({ nodes }) =>
      nodes.filter((node): node is ts.VariableDeclaration => ts.isVariableDeclaration(node) && nameOf(node) === name),
    );
    if (tuples.length === 0) throw unresolved(type);
    return tuples.flatMap((tuple) => {
      const array = tuple.initializer ? unwrap(tuple.initializer) : undefined;
      if (!array || !ts.isArrayLiteralExpression(array)) throw unresolved(tuple);
      return array.elements.flatMap((element) => valuesOf(element, depth + 1));
    });
  }
  throw unresolved(type);
}

type Written = Map<string, string[]>;

function add(written: Written, values: string[], node: ts.Node) {
  for (const value of values) written.set(value, [...(written.get(value) ?? []), where(node)]);
}

/** Every action and entity passed to writeAudit anywhere on the server, with where it is written. */
function writtenAuditCodes(): { actions: Written; entities: Written; calls: number } {
  const actions: Written = new Map();
  const entities: Written = new Map();
  let calls = 0;
  for (const { nodes } of allNodes) {
    for (const node of nodes) {
      if (!ts.isCallExpression(node)) continue;
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
      if (!ts.isIdentifier(callee) || callee.text !== 'writeAudit') continue;
      calls += 1;
      const entry = node.arguments[3] ? unwrap(node.arguments[3]) : undefined;
      if (!entry || !ts.isObjectLiteralExpression(entry)) throw unresolved(node);
      const fields = new Map<string, ts.Expression>();
      for (const property of entry.properties) {
        if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name))
          fields.set(property.name.text, property.initializer);
        else if (ts.isShorthandPropertyAssignment(property)) fields.set(property.name.text, property.name);
      }
      const action = fields.get('action');
      const entity = fields.get('entity');
      if (!action || !entity) throw unresolved(entry);
      add(actions, valuesOf(action), action);
      add(entities, valuesOf(entity), entity);
    }
  }
  return { actions, entities, calls };
}

function missingLabels(labels: Record<string, string>, codes: Written): string[] {
  return [...codes]
    .filter(([code]) => typeof labels[code] !== 'string' || labels[code].trim() === '')
    .map(([code, places]) => `${code} (written at src/${places.join(', src/')})`);
}

describe('audit log labels', () => {
  const { actions, entities, calls } = writtenAuditCodes();

  it('finds the audit writers of the server', () => {
    expect(calls).toBeGreaterThanOrEqual(50);
    expect(actions.size).toBeGreaterThanOrEqual(20);
    expect(entities.size).toBeGreaterThanOrEqual(10);
    expect([...actions.keys()]).toEqual(expect.arrayContaining(['read', 'list', 'login', 'publish', 'schedule']));
    expect([...entities.keys()]).toEqual(expect.arrayContaining(['case', 'referral', 'user', 'roster']));
  });

  it('writes audit rows only through writeAudit', () => {
    const inserts = allNodes
      .filter(({ source }) => /\.insert\(\s*auditEvents\s*\)/.test(source.text))
      .map(({ source }) => relative(serverRoot, source.fileName));
    expect(inserts).toEqual([join('platform', 'audit.ts')]);
  });

  it('labels every action in Japanese and English', () => {
    expect(missingLabels(ja.audit.actions, actions)).toEqual([]);
    expect(missingLabels(en.audit.actions, actions)).toEqual([]);
  });

  it('labels every record type in Japanese and English', () => {
    expect(missingLabels(ja.audit.entities, entities)).toEqual([]);
    expect(missingLabels(en.audit.entities, entities)).toEqual([]);
  });

  it('offers exactly the record types the server writes in the filter', () => {
    expect(Object.keys(ja.audit.entities).sort()).toEqual([...entities.keys()].sort());
  });
});
