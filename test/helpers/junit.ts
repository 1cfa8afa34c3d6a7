// JUnit read back by its consumers: Jenkins' JUnit schema (xmllint compiled to WebAssembly, no
// network, no native build) and GitLab's parser, re-enacted on fast-xml-parser.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';

const SCHEMA = { fileName: 'junit-10.xsd', contents: readFileSync(new URL('../fixtures/junit/junit-10.xsd', import.meta.url), 'utf8') };

/** `xmllint --schema junit-10.xsd` on the documents (a run for each hundred): xmllint's errors, each naming its document. */
export async function jenkinsSchemaErrors(documents: readonly string[]): Promise<string[]> {
  const errors: string[] = [];
  for (let start = 0; start < documents.length; start += 100) {
    const xml = documents.slice(start, start + 100).map((contents, i) => ({ fileName: `report-${start + i}.xml`, contents }));
    const result = await validateXML({ xml, schema: [SCHEMA], maxMemoryPages: 4 * 1024 });
    errors.push(...result.errors.map((e) => e.rawMessage));
  }
  return errors;
}

export interface GitLabCase {
  suiteName: string;
  classname: string;
  name: string;
  status: 'success' | 'failed' | 'error' | 'skipped';
  time: number;
  output?: unknown;
}

type Node = Record<string, unknown>;
const nodes = (value: unknown): Node[] => [value].flat(Infinity).filter((v): v is Node => v !== null && typeof v === 'object');

/**
 * GitLab's reading (lib/gitlab/ci/parsers/test/junit.rb): `Hash.from_xml` (attributes and child
 * elements in one hash, `-` in names as `_`), one top-level `testsuites`, cases of every
 * `testsuite` at any depth; the status is the first of `failure`, `error`, `skipped` the case has,
 * else success (system-out plays no part). Cases are kept per status in a hash keyed on
 * suite name, classname and name: a repeat replaces the one before.
 */
export function readLikeGitLab(xml: string): { cases: GitLabCase[]; kept: Map<string, GitLabCase> } {
  const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, transformTagName: (tag) => tag.replace(/-/g, '_'), parseTagValue: false, parseAttributeValue: false }).parse(xml) as Node;
  const cases: GitLabCase[] = [];
  const all = (value: unknown, parent: Node | undefined) => {
    for (const node of nodes(value)) {
      if (!parent) all(node['testsuites'], root);
      if (parent) {
        for (const tc of nodes(node['testcase'])) {
          const status = 'failure' in tc ? 'failed' : 'error' in tc ? 'error' : 'skipped' in tc ? 'skipped' : 'success';
          const output = status === 'success' ? undefined : tc[status === 'failed' ? 'failure' : status];
          cases.push({ suiteName: String(node['name']), classname: String(tc['classname']), name: String(tc['name']), status, time: Number(tc['time'] ?? 0), ...(output !== undefined ? { output } : {}) });
        }
      }
      all(node['testsuite'], root);
    }
  };
  all(root, undefined);
  const kept = new Map<string, GitLabCase>();
  for (const c of cases) kept.set(`${c.status}\u0000${c.suiteName}_${c.classname}_${c.name}`, c);
  return { cases, kept };
}
