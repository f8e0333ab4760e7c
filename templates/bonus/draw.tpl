<div class="bonus bonus-draw" data-bonus-page="draw" data-month="{month}">
  <h1 class="fs-3 mb-2">{{tx("bonus:events.draw-title")}} <span class="text-secondary fs-5" data-bonus="month">{monthText}</span></h1>
  <p class="text-secondary mb-3">{{tx("bonus:events.draw-intro")}} <a class="ms-1 small" href="{contestUrl}">{{tx("bonus:events.contest-title")}}</a></p>

  {{{ if !announced }}}
  <p class="text-secondary" data-bonus="no-prizes">{{tx("bonus:events.no-prizes-yet")}}</p>
  {{{ end }}}

  {{{ if drawn }}}
  <div class="card card-body mb-3" data-bonus="rate">
    <div><strong>{{tx("bonus:events.rate")}}:</strong> <span class="font-monospace">{rate}</span> ({rateDate}) — <span class="small text-secondary">{{{ if rateRuleDefault }}}{{tx("bonus:events.rate-rule-default")}}{{{ else }}}{rateRule}{{{ end }}}</span></div>
    {{{ if isRules }}}
    <div class="mt-1"><strong>{{tx("bonus:events.formula")}}:</strong> <span class="font-monospace">{{tx("bonus:events.formula-short", kopecks)}}</span></div>
    <p class="small text-secondary mb-0 mt-1">{{tx("bonus:events.formula-help")}}</p>
    {{{ else }}}
    <div class="mt-1"><strong>{{tx("bonus:events.mode-fair")}}</strong></div>
    <p class="small text-secondary mb-0 mt-1">{{tx("bonus:events.fair-help")}}</p>
    {{{ end }}}
  </div>
  {{{ end }}}

  <div class="row g-3">
  {{{ each categories }}}
  <section class="col-12 col-lg-6" data-bonus="category" data-category="{./index}">
    <div class="card h-100">
      <div class="card-header"><span class="fw-semibold">{./name}</span>: {./prize}{{{ if ./valueText }}} <span class="small text-secondary">({{tx(./valueText)}})</span>{{{ end }}}</div>
      <div class="card-body">
        {{{ if ./frozen }}}
        <p class="small mb-1">{{tx(./count)}}. {{tx("bonus:events.frozen-at", frozenText)}}</p>
        <p class="small mb-2 text-break"><span class="text-secondary">{{tx("bonus:events.hash")}}:</span> <code data-bonus="hash">{./hash}</code></p>
        {{{ if ./drawn }}}
        {{{ if isRules }}}<p class="mb-1 font-monospace small" data-bonus="formula">{./formula}</p>{{{ end }}}
        {{{ if ./rawIsZero }}}<p class="small text-secondary mb-1">{{tx("bonus:events.position-zero")}}</p>{{{ end }}}
        <p class="mb-1" data-bonus="winner">{{tx("bonus:events.position", ./position)}} → <strong>{./winner}</strong></p>
        {{{ if ./redrawn }}}<p class="small text-warning-emphasis mb-1" data-bonus="redraw">{{tx("bonus:events.redrawn", ./skippedText)}}</p>{{{ end }}}
        {{{ end }}}
        {{{ if ./empty }}}<p class="text-secondary small mb-0">{{tx("bonus:events.no-participants")}}</p>{{{ else }}}
        <details class="mb-2">
          <summary class="small">{{tx("bonus:events.list")}}</summary>
          <ol class="small mb-0 bonus-draw-list">
            {{{ each ./list }}}<li{{{ if ./winner }}} class="fw-bold"{{{ end }}}>{./username}{{{ if ./skipped }}} <span class="text-secondary">({{tx("bonus:events.ineligible")}})</span>{{{ end }}}</li>{{{ end }}}
          </ol>
        </details>
        {{{ if ./drawn }}}
        <details>
          <summary class="small">{{tx("bonus:events.recompute")}}</summary>
          <p class="small text-secondary mb-1">{{tx("bonus:events.recompute-help")}}</p>
          <pre class="small bg-body-tertiary p-2 mb-1 bonus-draw-pre" data-bonus="list-text">{./listText}</pre>
          <pre class="small bg-body-tertiary p-2 mb-0 bonus-draw-pre" data-bonus="snippet">{./snippet}</pre>
        </details>
        {{{ end }}}
        {{{ end }}}
        {{{ else }}}
        <p class="small text-secondary mb-0">{{tx("bonus:events.not-frozen-yet")}}</p>
        {{{ end }}}
      </div>
    </div>
  </section>
  {{{ end }}}
  </div>

  <p class="small text-secondary mt-3" data-bonus="redraw-rule">{{tx("bonus:events.redraw-rule")}}</p>

  {{{ if archive.length }}}
  <nav aria-label="{{tx("bonus:events.archive")}}" data-bonus="archive">
    <h2 class="fs-6">{{tx("bonus:events.archive")}}</h2>
    <ul class="nav nav-pills small flex-wrap">
      {{{ each archive }}}<li class="nav-item"><a class="nav-link{{{ if ./active }}} active{{{ end }}}" href="{./url}">{./text}</a></li>{{{ end }}}
    </ul>
  </nav>
  {{{ end }}}
</div>
