<div class="bonus bonus-game" data-bonus-page="game">
  <h1 class="fs-3 mb-2">{{tx("bonus:game.title")}}</h1>
  <p class="text-secondary mb-2">{{tx("bonus:game.intro")}} {{tx(rule)}}</p>
  {{{ if !isSeller }}}
  <p class="alert alert-info" data-bonus="not-seller">{{tx("bonus:game.not-seller")}}</p>
  {{{ end }}}
  <div class="row g-4">
  <div class="col-12 col-lg-auto">
  {{{ if isSeller }}}
  <p class="mb-2"><strong data-bonus="plays-left" data-plays="{plays}">{{tx(playsText)}}</strong></p>
  {{{ if !canPlay }}}<p class="text-secondary small" data-bonus="no-plays">{{tx("bonus:game.no-plays")}}</p>{{{ end }}}
  <div class="bonus-game-box mb-3">
    <div class="d-flex flex-wrap gap-2 align-items-center mb-2 small" data-bonus="hud">
      <span>{{tx("bonus:game.score")}}: <strong data-bonus="score">0</strong></span>
      <span>{{tx("bonus:game.lives")}}: <strong data-bonus="lives">3</strong></span>
      <span>{{tx("bonus:game.level")}}: <strong data-bonus="level">1</strong></span>
      <label class="form-check form-switch ms-auto mb-0"><input class="form-check-input" type="checkbox" data-bonus="sound"> {{tx("bonus:game.sound")}}</label>
    </div>
    <canvas class="bonus-game-canvas" width="320" height="480" data-bonus="canvas" tabindex="0" aria-label="{{tx("bonus:game.title")}}"></canvas>
    <div class="d-flex flex-wrap gap-2 mt-2">
      <button type="button" class="btn btn-primary" data-bonus="start"{{{ if !canPlay }}} disabled{{{ end }}}>{{tx("bonus:game.start")}}</button>
      <button type="button" class="btn btn-outline-secondary d-none" data-bonus="give-up">{{tx("bonus:game.give-up")}}</button>
      <button type="button" class="btn btn-outline-primary d-none" data-bonus="resend">{{tx("bonus:game.resend")}}</button>
    </div>
    <p class="small text-secondary mt-2 mb-1">{{tx("bonus:game.controls")}}</p>
    <p class="mb-0" data-bonus="message" aria-live="polite" data-ready="{{tx("bonus:game.ready")}}" data-checking="{{tx("bonus:game.checking")}}" data-over="{{tx("bonus:game.over")}}" data-launch="{{tx("bonus:game.launch-hint")}}"></p>
  </div>
  {{{ end }}}
  </div>
  <div class="col-12 col-lg">
  <h2 class="fs-5">{{tx("bonus:game.board-title", monthText)}}</h2>
  {{{ if !hasBoard }}}<p class="text-secondary" data-bonus="no-scores">{{tx("bonus:game.no-scores")}}</p>{{{ else }}}
  <table class="table table-sm bonus-game-board" data-bonus="board">
    <thead><tr><th>#</th><th>{{tx("bonus:game.col-player")}}</th><th class="text-end">{{tx("bonus:game.col-score")}}</th></tr></thead>
    <tbody>
    {{{ each board }}}
    <tr{{{ if ./own }}} class="table-primary"{{{ end }}}><td>{./place}</td><td>{./username}</td><td class="text-end">{./score}</td></tr>
    {{{ end }}}
    </tbody>
  </table>
  {{{ end }}}

  {{{ if hasMine }}}
  <h2 class="fs-5 mt-3">{{tx("bonus:game.mine-title")}}</h2>
  <table class="table table-sm" data-bonus="mine">
    <thead><tr><th>{{tx("bonus:game.col-when")}}</th><th>{{tx("bonus:game.col-status")}}</th><th class="text-end">{{tx("bonus:game.col-score")}}</th><th class="text-end">{{tx("bonus:game.col-points")}}</th></tr></thead>
    <tbody>
    {{{ each mine }}}
    <tr><td>{./when}</td><td>{{tx(./statusText)}}</td><td class="text-end">{./score}</td><td class="text-end">{{{ if ./points }}}{{tx(./points)}}{{{ end }}}</td></tr>
    {{{ end }}}
    </tbody>
  </table>
  {{{ end }}}
  </div>
  </div>
</div>
