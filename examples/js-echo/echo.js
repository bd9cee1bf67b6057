// js-echo — returns {"echo": <parsed input>}. Built with guest/js/build.mjs.
import { log } from 'kami:tool/host@0.1.0';

export const tool = {
  run(input) {
    let args;
    try {
      args = JSON.parse(input);
    } catch (e) {
      // A thrown string becomes the result's err case.
      throw `bad input: ${e.message}`;
    }
    log('info', 'js-echo called');
    return JSON.stringify({ echo: args });
  },
  describe() {
    return JSON.stringify({
      name: 'dev.kami.js-echo',
      description: 'Echoes its arguments back (JavaScript tool)',
      version: '1.0.0',
    });
  },
};
