// A child process for the write-under-failure test: rewrites one file, atomically, forever,
// alternating two contents, until it is killed.
import { writeFileSafely } from '../../src/util/write.js';

const [file, a, b] = process.argv.slice(2) as [string, string, string];
const contents = [a.repeat(2 * 1024 * 1024 / a.length), b.repeat(2 * 1024 * 1024 / b.length)];
process.stdout.write('ready\n');
for (let i = 0; ; i++) writeFileSafely(file, contents[i % 2]!);
