// Connects to an iMCP endpoint with the MCP TypeScript SDK client (v2) and prints what was negotiated as one JSON
// line. Arguments: <url> <api key> <legacy|auto|pin>. Run by NodeClientInteropTest from a folder whose
// node_modules holds @modelcontextprotocol/client.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [url, key, mode] = process.argv.slice(2);
const client = new Client({ name: 'imcp-interop', version: '1.0.0' },
    { versionNegotiation: { mode: mode === 'pin' ? { pin: '2026-07-28' } : mode } });
const transport = new StreamableHTTPClientTransport(new URL(url),
    { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
await client.connect(transport);
const tools = await client.listTools();
const call = await client.callTool({ name: 'echo', arguments: { message: 'hi', times: 1 } });
console.log(JSON.stringify({
    era: client.getProtocolEra(),
    version: client.getNegotiatedProtocolVersion(),
    tools: tools.tools.map(t => t.name),
    structuredContent: call.structuredContent,
    isError: call.isError ?? false,
}));
await client.close();
