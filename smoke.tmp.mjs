import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const t = new StdioClientTransport({
  command: process.execPath,
  args: ['dist/index.js', '--simulate'],
  stderr: 'inherit',
});
const c = new Client({ name: 'smoke', version: '1' });
await c.connect(t);
const { tools } = await c.listTools();
console.log(tools.map((x) => x.name).join('\n'), JSON.stringify(tools).length);
for (const [name, args] of JSON.parse(process.argv[2] ?? '[]')) {
  const r = await c.callTool({ name, arguments: args });
  console.log('==', name, JSON.stringify(r).slice(0, 1500));
}
await c.close();
