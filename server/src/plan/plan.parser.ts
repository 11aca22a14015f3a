import { formatIssuePath, LaunchPlanSchema, type LaunchPlan } from '@uptake/shared';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import type { z } from 'zod';
import type { ErrorCode } from '../common/error-codes';

/** One problem of a launch plan file, located at the node that causes it (1-based line and column). */
export interface PlanProblem {
  line: number;
  column: number;
  /** Key path such as `goals[1].target`; empty for the document itself and for syntax errors. */
  path: string;
  reason: string;
}

/** A launch plan that cannot be read: the message lists every problem as `<source>:<line>:<column> <key.path>: <reason>`. */
export class PlanInputError extends Error {
  readonly code = 'PLAN_INVALID' satisfies ErrorCode;

  constructor(
    readonly source: string,
    readonly problems: readonly PlanProblem[],
  ) {
    super(problems.map((problem) => formatProblem(source, problem)).join('\n'));
    this.name = 'PlanInputError';
  }
}

function formatProblem(source: string, problem: PlanProblem): string {
  const where = `${source}:${problem.line}:${problem.column}`;
  return problem.path ? `${where} ${problem.path}: ${problem.reason}` : `${where} ${problem.reason}`;
}

/**
 * A plan holds departments and goals: far less than this (10,000 departments fit). Larger input is
 * refused unread: the YAML parser needs seconds per megabyte, minutes for 10 MB.
 */
export const MAX_PLAN_BYTES = 500_000;
/**
 * Aliased nodes a plan may expand to (the yaml package's measure): an alias bomb ("billion
 * laughs") is refused before it is expanded, a plan reusing a few anchors is not.
 */
const MAX_ALIAS_COUNT = 100;

/** `10.8 MB`, `500 kB` (decimal units). */
export function formatSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

/**
 * Reads a launch plan written in YAML or JSON (JSON is YAML) and validates it with the shared
 * schema. Throws a PlanInputError naming every problem and where it is.
 */
export function parseLaunchPlan(text: string, source: string): LaunchPlan {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PLAN_BYTES) {
    throw new PlanInputError(source, [
      { line: 1, column: 1, path: '', reason: `the plan is ${formatSize(bytes)}; a plan may be at most ${formatSize(MAX_PLAN_BYTES)}` },
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  if (doc.errors.length > 0) {
    throw new PlanInputError(
      source,
      doc.errors.map((error) => ({ ...at(error.pos[0]), path: '', reason: `YAML syntax error: ${error.message}` })),
    );
  }
  const unresolved = unresolvedAliases(doc);
  if (unresolved.length > 0) {
    throw new PlanInputError(
      source,
      unresolved.map((alias) => ({
        ...at(alias.offset),
        path: '',
        reason: `YAML syntax error: alias *${alias.name} refers to no anchor before it`,
      })),
    );
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const bomb = /alias count/i.test((error as Error).message);
    const reason = bomb
      ? `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} aliased nodes): write the values out instead of nesting aliases`
      : `YAML syntax error: ${(error as Error).message}`;
    throw new PlanInputError(source, [{ ...at(bomb ? firstAliasOffset(doc) : 0), path: '', reason }]);
  }
  const result = LaunchPlanSchema.safeParse(value);
  if (result.success) return result.data;

  const problems = result.error.issues.flatMap((issue) => describeIssue(doc, issue, at));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  throw new PlanInputError(source, problems);
}

type Locate = (offset: number) => { line: number; column: number };

function describeIssue(doc: Document, issue: z.core.$ZodIssue, at: Locate): PlanProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const found = locate(doc, path);
      return { ...at(found.keyOffset ?? found.offset), path: formatIssuePath(path), reason: 'unknown key' };
    });
  }
  const found = locate(doc, issue.path);
  const reason = found.missing ? 'required key is missing' : reasonOf(issue);
  return [{ ...at(found.offset), path: formatIssuePath(issue.path), reason }];
}

/** Zod's reason, without its generic prefix; a union (a date as text or as a date) reports its first branch. */
function reasonOf(issue: z.core.$ZodIssue): string {
  const first = issue.code === 'invalid_union' ? issue.errors[0]?.[0] : undefined;
  const message = first?.message ?? issue.message;
  return message.replace(/^Invalid input: /, '');
}

/**
 * Where the node at `path` starts, or, when the path does not exist, where its deepest existing
 * ancestor starts (`missing`). A key with no value points at the key; `keyOffset` is where the
 * last key of the path is written.
 */
function locate(doc: Document, path: ReadonlyArray<PropertyKey>): { offset: number; keyOffset?: number; missing: boolean } {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  let keyOffset: number | undefined;
  for (const segment of path) {
    let pair: Pair | undefined;
    let next: unknown;
    if (isMap(node)) {
      pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      next = pair?.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (pair === undefined && next === undefined) return { offset, missing: true };
    const valueStart = isEmptyScalar(next) ? undefined : startOf(next);
    keyOffset = startOf(pair?.key);
    offset = valueStart ?? keyOffset ?? offset;
    node = next;
  }
  return { offset, keyOffset, missing: false };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function startOf(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    return range ? range[0] : undefined;
  }
  return undefined;
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

function unresolvedAliases(doc: Document): Array<{ name: string; offset: number }> {
  const found: Array<{ name: string; offset: number }> = [];
  visit(doc, {
    Alias(_key, alias) {
      if (isAlias(alias) && alias.resolve(doc) === undefined) found.push({ name: alias.source, offset: alias.range?.[0] ?? 0 });
    },
  });
  return found;
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}
