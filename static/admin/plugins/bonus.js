// Client module `admin/plugins/bonus`: the ACP home.
export function init() {}
