// {{name}}: a KAMI tool. `kami build` bundles this file with @kami/tool and makes a WebAssembly component.
import { defineTool, log } from '@kami/tool';

export const tool = defineTool({
  name: '{{id}}', // must match tool.toml's [tool] id; the arguments must match its [[mcp.arguments]]
  description: 'Greets someone by name',
  arguments: [
    { name: 'name', type: 'string', description: 'Who to greet', required: true },
    { name: 'shout', type: 'boolean', description: 'Greet in capitals' },
  ],
  // Receives the checked arguments; return any JSON value. A thrown error becomes the call's error.
  run({ name, shout }) {
    if (name.trim() === '') throw new Error('name is empty: pass who to greet, e.g. {"name": "Ada"}');
    log.debug('greeting', name);
    const greeting = `Hello, ${name}!`;
    return { greeting: shout ? greeting.toUpperCase() : greeting };
  },
});
