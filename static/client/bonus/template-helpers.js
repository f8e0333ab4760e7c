'use strict';

// A classic script (plugin.json "scripts" and "acpScripts"), bundled by NodeBB into its client code:
// registers the plugin's Benchpress helper for templates rendered in the browser on client-side
// navigation. `{{bonusTx("bonus:kind.", kind)}}` translates a key built from data, as core's `tx`
// translates a fixed one. The server registers the same helper (lib/nodebb/http.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- NodeBB's AMD-style require in bundled scripts
require(['benchpressjs', 'helpers'], function (Benchpress, helpers) {
  Benchpress.registerHelper('bonusTx', function (prefix, value, ...args) {
    return helpers.tx.call(this, String(prefix) + String(value), ...args);
  });
});
