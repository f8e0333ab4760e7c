<div class="acp-page-container bonus-admin" data-bonus-page="admin-events" data-month="{month}">
  <h1 class="fs-4 mb-2">{{tx("bonus:events.admin-title")}}</h1>
  <div class="d-flex align-items-center gap-2 mb-3">
    <a class="btn btn-sm btn-outline-secondary" href="{prevUrl}" aria-label="{{tx("bonus:events.prev-month")}}">&larr;</a>
    <span class="fs-5" data-bonus="month">{monthText}</span>
    <a class="btn btn-sm btn-outline-secondary" href="{nextUrl}" aria-label="{{tx("bonus:events.next-month")}}">&rarr;</a>
    <span class="badge text-bg-secondary">{{tx(phaseText)}}</span>
  </div>
  <p class="small text-danger" role="alert" data-bonus="form-error"></p>

  <h2 class="fs-5">{{tx("bonus:events.contest-title")}}</h2>
  <h3 class="fs-6">{{tx("bonus:events.admin-pending")}}</h3>
  {{{ if !hasPending }}}<p class="text-secondary small" data-bonus="no-pending">{{tx("bonus:events.admin-no-pending")}}</p>{{{ end }}}
  <div class="row g-2 mb-3">
    {{{ each pending }}}
    <div class="col-12 col-md-6 col-xl-4" data-bonus="pending-entry" data-entry-id="{./id}">
      <div class="card card-body h-100">
        <img class="bonus-contest-photo mb-2" src="{./image}" alt="{./caption}">
        <div>{./caption}</div>
        <div class="small text-secondary">{./member} · {./dateText}</div>
        <div class="d-flex flex-wrap gap-1 mt-2">
          <button type="button" class="btn btn-sm btn-success" data-bonus="accept" data-entry-id="{./id}">{{tx("bonus:events.accept")}}</button>
          <input class="form-control form-control-sm w-auto flex-grow-1" maxlength="500" data-bonus="reason" aria-label="{{tx("bonus:retail.admin.reason")}}" placeholder="{{tx("bonus:retail.admin.reason")}}">
          <button type="button" class="btn btn-sm btn-outline-danger" data-bonus="reject" data-entry-id="{./id}">{{tx("bonus:events.reject")}}</button>
        </div>
      </div>
    </div>
    {{{ end }}}
  </div>

  <h3 class="fs-6">{{tx("bonus:events.admin-jury")}}</h3>
  {{{ if hasJurors }}}
  <div class="table-responsive mb-3">
    <table class="table table-sm" data-bonus="jury">
      <thead><tr>{{{ each jurors }}}<th scope="col">{./member}</th>{{{ end }}}</tr></thead>
      <tbody><tr>{{{ each jurors }}}<td><ol class="mb-0 small">{{{ each ./ranking }}}<li>#{./id} {./caption}</li>{{{ end }}}</ol></td>{{{ end }}}</tr></tbody>
    </table>
  </div>
  {{{ else }}}<p class="text-secondary small">{{tx("bonus:events.admin-no-jury")}}</p>{{{ end }}}
  <div class="table-responsive mb-3">
    <table class="table table-sm align-middle" data-bonus="accepted">
      <thead><tr><th scope="col">#</th><th scope="col">{{tx("bonus:events.caption")}}</th><th scope="col">{{tx("bonus:loans.col.member")}}</th><th scope="col" class="text-end">{{tx("bonus:events.jury-average")}}</th></tr></thead>
      <tbody>{{{ each accepted }}}<tr><td>{./id}</td><td>{./caption}</td><td>{./member}</td><td class="text-end">{./average}</td></tr>{{{ end }}}</tbody>
    </table>
  </div>

  {{{ if canPublish }}}
  <form class="card card-body mb-4" data-bonus="places-form">
    <h3 class="fs-6">{{tx("bonus:events.admin-places")}}</h3>
    {{{ each places }}}
    <div class="row mb-2 align-items-center">
      <label class="col-3 col-form-label" for="bonus-place-{./place}">{{tx("bonus:events.place", ./place)}}</label>
      <div class="col-9"><select class="form-select form-select-sm" id="bonus-place-{./place}" name="place{./place}">{{{ each ./options }}}<option value="{./id}"{{{ if ./selected }}} selected{{{ end }}}>{./text}</option>{{{ end }}}</select></div>
    </div>
    {{{ end }}}
    <div class="d-flex gap-2"><button type="submit" class="btn btn-sm btn-primary">{{tx("bonus:events.save-places")}}</button><button type="button" class="btn btn-sm btn-success" data-bonus="publish">{{tx("bonus:events.publish")}}</button></div>
  </form>
  {{{ end }}}

  <h2 class="fs-5">{{tx("bonus:events.draw-title")}}</h2>
  {{{ if draw.canAnnounce }}}
  <form class="card card-body mb-3" data-bonus="prizes-form">
    <h3 class="fs-6">{{tx("bonus:events.admin-prizes")}}</h3>
    <p class="small text-secondary">{{tx("bonus:events.admin-prizes-help")}}</p>
    <div class="row g-1 mb-1 small text-secondary d-none d-md-flex" aria-hidden="true">
      <div class="col-md-2">{{tx("bonus:events.category-name")}}</div><div class="col-md-2">{{tx("bonus:events.prize")}}</div><div class="col-md-2">{{tx("bonus:events.pay-as")}}</div>
      <div class="col-md-2">{{tx("bonus:events.prize-value")}}</div><div class="col-md-2">{{tx("bonus:events.min-sales")}}</div><div class="col-md-2">{{tx("bonus:events.category-group")}}</div>
    </div>
    {{{ each draw.categories }}}
    <div class="row g-1 mb-2" data-bonus="category-row">
      <div class="col-6 col-md-2"><input class="form-control form-control-sm" name="name" value="{./name}" maxlength="100" aria-label="{{tx("bonus:events.category-name")}}" placeholder="{{tx("bonus:events.category-name")}}"></div>
      <div class="col-6 col-md-2"><input class="form-control form-control-sm" name="prize" value="{./prize}" maxlength="200" aria-label="{{tx("bonus:events.prize")}}" placeholder="{{tx("bonus:events.prize")}}"></div>
      <div class="col-6 col-md-2"><select class="form-select form-select-sm" name="payAs" aria-label="{{tx("bonus:events.pay-as")}}">{{{ each ./payAs }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}</select></div>
      <div class="col-4 col-md-2"><input class="form-control form-control-sm" name="value" type="number" min="0" value="{./value}" aria-label="{{tx("bonus:events.prize-value")}}" title="{{tx("bonus:events.prize-value")}}"></div>
      <div class="col-4 col-md-2"><input class="form-control form-control-sm" name="minSales" type="number" min="1" value="{./minSales}" aria-label="{{tx("bonus:events.min-sales")}}" title="{{tx("bonus:events.min-sales")}}"></div>
      <div class="col-4 col-md-2"><input class="form-control form-control-sm" name="group" value="{./group}" maxlength="200" aria-label="{{tx("bonus:events.category-group")}}" placeholder="{{tx("bonus:events.category-group")}}"></div>
    </div>
    {{{ end }}}
    <div><button type="submit" class="btn btn-sm btn-primary">{{tx("bonus:events.save-prizes")}}</button></div>
  </form>
  {{{ end }}}
  {{{ if draw.canFreeze }}}<p><button type="button" class="btn btn-sm btn-outline-primary" data-bonus="freeze">{{tx("bonus:events.freeze")}}</button></p>{{{ end }}}
  {{{ if draw.frozen }}}
  {{{ each draw.views }}}
  <div class="card card-body mb-2" data-bonus="admin-category">
    <div><strong>{./name}</strong>: {./prize} — {{tx(./count)}}</div>
    <div class="small text-break">{{tx("bonus:events.hash")}} <code>{./hash}</code></div>
    {{{ if ./hasNever }}}<div class="small text-warning-emphasis" data-bonus="never">{{tx("bonus:events.never-win", ./neverText)}}</div>{{{ end }}}
    {{{ if ./drawn }}}<div>{{tx("bonus:events.position", ./position)}} → <strong>{./winner}</strong></div>{{{ end }}}
  </div>
  {{{ end }}}
  {{{ if !draw.drawn }}}
  <form class="card card-body mb-3" data-bonus="rate-form">
    <div class="row g-2 align-items-end">
      <div class="col-6 col-md-3"><label class="form-label small" for="bonus-rate">{{tx("bonus:events.rate")}}</label><input class="form-control form-control-sm font-monospace" id="bonus-rate" name="rate" inputmode="decimal" placeholder="92.5123" required></div>
      <div class="col-6 col-md-3"><label class="form-label small" for="bonus-rate-date">{{tx("bonus:events.rate-date")}}</label><input class="form-control form-control-sm" id="bonus-rate-date" name="rateDate" type="date" required></div>
      <div class="col-12 col-md-4"><label class="form-label small" for="bonus-mode">{{tx("bonus:events.mode")}}</label><select class="form-select form-select-sm" id="bonus-mode" name="mode"><option value="rules">{{tx("bonus:events.mode-rules")}}</option><option value="fair">{{tx("bonus:events.mode-fair")}}</option></select></div>
      <div class="col-12 col-md-2"><button type="submit" class="btn btn-sm btn-primary">{{tx("bonus:events.draw")}}</button></div>
    </div>
  </form>
  {{{ end }}}
  {{{ end }}}
  <p><a href="{draw.resultsUrl}">{{tx("bonus:events.results-page")}}</a></p>
</div>
