// The generated JSON Schema agrees with the loader: every example validates, invalid profiles fail.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { profileJsonSchema } from '../../src/format/json-schema.js';
import { EXAMPLES } from '../helpers/report.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(profileJsonSchema());
const documents = (text: string) => parseAllDocuments(text, { schema: 'core' }) as unknown as { toJS(): unknown }[];

describe('the JSON Schema of format 1', () => {
  it('is valid JSON Schema 2020-12', () => {
    expect(ajv.validateSchema(profileJsonSchema())).toBe(true);
  });

  for (const file of EXAMPLES) {
    it(`accepts ${file}`, () => {
      for (const doc of documents(readFileSync(file, 'utf8'))) expect(validate(doc.toJS()), JSON.stringify(validate.errors)).toBe(true);
    });
  }

  const invalid: Record<string, string> = {
    'a wrong enum value': 'version: 1\npartner: { name: A, sponsor: { level: VP } }\n',
    'an unknown key': 'version: 1\npartner: { name: A, marketing: { lnksToUs: true } }\n',
    'money as text': 'version: 1\npartner: { name: A, investments: [{ by: us, kind: capital, amount: "48k" }] }\n',
    'a wrong version': 'version: 2\npartner: { name: A }\n',
    'both kinds': 'version: 1\npartner: { name: A }\nopportunity: { name: B }\n',
    'neither kind': 'version: 1\n',
    'a missing name': 'version: 1\npartner: { type: reseller }\n',
    'a try-and-buy of true': 'version: 1\nopportunity: { name: B, ask: { tryAndBuy: true } }\n',
    'a date in another format': 'version: 1\npartner: { name: A, since: 01/02/2024 }\n',
  };
  for (const [name, text] of Object.entries(invalid)) {
    it(`rejects ${name}`, () => {
      expect(validate(documents(text)[0]!.toJS())).toBe(false);
    });
  }

  it('describes keys with their meaning, list entries\' keys and groups included', () => {
    type Node = { description?: string; properties?: Record<string, Node>; items?: Node };
    const partner = (profileJsonSchema().oneOf as { properties: { partner: Node } }[])[0]!.properties.partner;
    expect(partner.properties!.sponsor!.properties!.level!.description).toBe('The most senior person on their side who owns the partnership.');
    expect(partner.properties!.sponsor!.properties!.previous!.description).toMatch(/^A handover, recorded only when ownership changed hands/);
    expect(partner.properties!.investments!.items!.properties!.partnerSpecific!.description).toBe("It only serves this partner's configuration or customers.");
  });
});
