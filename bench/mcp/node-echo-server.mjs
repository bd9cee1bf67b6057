#!/usr/bin/env node
// Baseline for bench.mjs: a plain MCP server on the official TypeScript SDK, over stdio,
// with one tool `echo` that does what KAMI's dev.kami.echo does ({text} -> '{"echo":text}')
// in-process, with no sandbox, no audit log and no per-call instance.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "node-echo", version: "1.0.0" });

server.registerTool(
  "echo",
  {
    description: 'Echoes the given text back as {"echo": text}',
    inputSchema: { text: z.string().describe("The text to echo") },
  },
  async ({ text }) => ({
    content: [{ type: "text", text: JSON.stringify({ echo: text }) }],
  }),
);

await server.connect(new StdioServerTransport());
