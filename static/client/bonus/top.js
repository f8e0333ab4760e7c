// Client module `forum/bonus/top`: the leaderboard needs no script beyond NodeBB's links.
export function init() {}
