#!/usr/bin/env node
// Baseline for the concurrency scenarios in session.mjs: node-echo-server.mjs's echo over Streamable HTTP,
// stateless, written the way the TypeScript SDK's own stateless example is (a fresh McpServer and transport per
// request, on the SDK's Express app with its localhost Host check). No sandbox, no auth, no audit log.
//
// Usage: node node-echo-http-server.mjs [PORT]   (0, the default, picks a free port)
// Prints "node-echo-http: serving MCP at http://127.0.0.1:PORT/mcp" on stderr once it listens.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { z } from "zod";

const makeServer = () => {
  const server = new McpServer({ name: "node-echo-http", version: "1.0.0" });
  server.registerTool(
    "echo",
    {
      description: 'Echoes the given text back as {"echo": text}',
      inputSchema: { text: z.string().describe("The text to echo") },
    },
    async ({ text }) => ({ content: [{ type: "text", text: JSON.stringify({ echo: text }) }] }),
  );
  return server;
};

const app = createMcpExpressApp();
app.post("/mcp", async (req, res) => {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => {
    transport.close();
    server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (err) {
    process.stderr.write(`node-echo-http: ${err?.stack ?? err}\n`);
    if (!res.headersSent) res.status(500).json({ jsonrpc: "2.0", error: { code: -32603, message: "Internal server error" }, id: null });
  }
});
// Stateless: no standalone SSE stream and no sessions to delete.
const notAllowed = (_req, res) =>
  res.status(405).json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed." }, id: null });
app.get("/mcp", notAllowed);
app.delete("/mcp", notAllowed);

const listener = app.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  process.stderr.write(`node-echo-http: serving MCP at http://127.0.0.1:${listener.address().port}/mcp\n`);
});
