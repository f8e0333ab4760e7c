<div class="bonus bonus-licences" data-bonus-page="licences">
  <h1 class="fs-3 mb-2">{{tx("bonus:licences.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:licences.intro")}}</p>

  {{{ if isOwner }}}
  <form class="card card-body mb-3" data-bonus="add-form" autocomplete="off">
    <label class="form-label fw-semibold" for="bonus-licence-code">{{tx("bonus:licences.add-label")}}</label>
    <div class="d-flex flex-wrap gap-2">
      <input class="form-control font-monospace flex-grow-1" style="max-width: 28rem;" type="text" id="bonus-licence-code" name="code" required maxlength="60" placeholder="{{tx("bonus:licences.code-placeholder")}}" aria-describedby="bonus-licence-code-help" spellcheck="false" autocapitalize="characters">
      <button class="btn btn-primary" type="submit">{{tx("bonus:licences.add")}}</button>
    </div>
    <div class="form-text" id="bonus-licence-code-help">{{tx("bonus:licences.add-help")}}</div>
    <div class="text-danger small mt-1" data-bonus="form-error" role="alert" aria-live="polite"></div>
  </form>
  {{{ end }}}

  {{{ if !hasLicences }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:licences.empty")}}</p>
  {{{ else }}}
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="licences">
    {{{ each licences }}}
    <li class="card card-body" data-bonus="licence" data-id="{./id}">
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 class="fs-6 mb-1 text-break">{{{ if ./hasProduct }}}{./product}{{{ else }}}{{tx("bonus:licences.unknown-product")}}{{{ end }}}</h2>
        <div class="d-flex flex-wrap gap-1">
          {{{ if !./verified }}}<span class="badge text-bg-secondary" title="{{tx("bonus:licences.unverified-help")}}">{{tx("bonus:licences.unverified")}}</span>{{{ end }}}
          {{{ if ./expired }}}<span class="badge text-bg-danger">{{tx("bonus:licences.expired")}}</span>{{{ else }}}{{{ if ./soon }}}<span class="badge text-bg-warning">{{tx(./daysLeft)}}</span>{{{ end }}}{{{ end }}}
        </div>
      </div>
      <p class="mb-1"><code class="fs-6" data-bonus="code">{./masked}</code>
        {{{ if isOwner }}}<button type="button" class="btn btn-link btn-sm p-0 ms-2 align-baseline" data-bonus="reveal">{{tx("bonus:licences.reveal")}}</button>{{{ end }}}</p>
      <dl class="row small mb-0">
        <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:licences.source")}}</dt>
        <dd class="col-7 col-sm-9 mb-1">{{{ if ./fromOrder }}}<a href="{./orderUrl}">{{tx("bonus:licences.source.order", ./orderId)}}</a>{{{ else }}}{{tx("bonus:licences.source.hand")}}{{{ end }}}</dd>
        <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:licences.added")}}</dt>
        <dd class="col-7 col-sm-9 mb-1"><span class="timeago" title="{./added}">{./addedText}</span></dd>
        {{{ if ./termText }}}
        <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:licences.term")}}</dt>
        <dd class="col-7 col-sm-9 mb-1">{{tx(./termText)}}</dd>
        {{{ end }}}
        <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:licences.expires")}}</dt>
        <dd class="col-7 col-sm-9 mb-1">{{{ if ./hasExpiry }}}{./expiresText}{{{ if !./expired }}} · {{tx(./daysLeft)}}{{{ end }}}{{{ else }}}{{tx("bonus:licences.expiry-unknown")}}{{{ end }}}</dd>
        {{{ if ./seatsText }}}
        <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:licences.seats-label")}}</dt>
        <dd class="col-7 col-sm-9 mb-1" data-bonus="seats">{{tx(./seatsText)}}</dd>
        {{{ end }}}
      </dl>
      {{{ if isOwner }}}
      <details class="mt-2" data-bonus="remove">
        <summary class="small text-danger">{{tx("bonus:licences.remove")}}</summary>
        <div class="border rounded p-2 mt-2">
          <p class="small mb-2">{{tx("bonus:licences.remove-warning")}}</p>
          <div class="form-check mb-2">
            <input class="form-check-input" type="checkbox" id="bonus-agree-{./id}" data-bonus="agree">
            <label class="form-check-label small" for="bonus-agree-{./id}">{{tx("bonus:licences.agree")}}</label>
          </div>
          <button type="button" class="btn btn-sm btn-danger" data-bonus="remove-confirm" disabled>{{tx("bonus:licences.remove-confirm")}}</button>
        </div>
      </details>
      {{{ end }}}
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}

  <p class="small mt-3 d-flex flex-wrap gap-3">
    <a href="{purchasesUrl}">{{tx("bonus:licences.to-purchases")}}</a>
    {{{ if isOwner }}}<button type="button" class="btn btn-link btn-sm p-0" data-bonus="export">{{tx("bonus:licences.export")}}</button>{{{ end }}}
    {{{ if adminUrl }}}{{{ if !isOwner }}}<a href="{adminUrl}">{{tx("bonus:licences.admin-title")}}</a>{{{ end }}}{{{ end }}}
  </p>
</div>
