<div class="bonus bonus-top" data-bonus-page="top">
  <h1 class="fs-3 mb-3">{{tx("bonus:top.title")}}</h1>
  <ul class="nav nav-pills mb-3">
    <li class="nav-item"><a class="nav-link{{{ if isWeek }}} active{{{ end }}}" href="{weekUrl}">{{tx("bonus:top.weeks")}}</a></li>
    <li class="nav-item"><a class="nav-link{{{ if !isWeek }}} active{{{ end }}}" href="{monthUrl}">{{tx("bonus:top.months")}}</a></li>
  </ul>
  <div class="row g-3">
    <nav class="col-12 col-lg-3" aria-labelledby="bonus-top-periods">
      <h2 id="bonus-top-periods" class="fs-6 text-uppercase text-secondary">{{tx("bonus:top.periods")}}</h2>
      <ul class="list-unstyled d-flex flex-wrap flex-lg-column gap-1">
        {{{ each periods }}}
        <li><a href="{./url}"{{{ if ./selected }}} class="fw-bold" aria-current="page"{{{ end }}}>{./label}</a></li>
        {{{ end }}}
      </ul>
    </nav>
    <section class="col-12 col-lg-9">
      <h2 class="fs-5">{{tx(periodTitle)}}</h2>
      <p class="text-secondary small">
        {{{ if isPaid }}}{{tx("bonus:top.paid", places, bonusPlural("bonus:points.each", amount))}}{{{ else }}}{{{ if isCurrent }}}{{tx("bonus:top.current", places, bonusPlural("bonus:points.each", amount))}}{{{ else }}}{{tx("bonus:top.settling", places, bonusPlural("bonus:points.each", amount))}}{{{ end }}}{{{ end }}}
      </p>
      {{{ if !hasRows }}}
      <p class="text-secondary" data-bonus="empty">{{tx("bonus:top.empty")}}</p>
      {{{ end }}}
      {{{ if hasRows }}}
      <table class="table table-sm align-middle">
        <thead><tr><th scope="col">{{tx("bonus:top.rank")}}</th><th scope="col">{{tx("bonus:top.member")}}</th><th scope="col" class="text-end">{{tx("bonus:top.posts")}}</th></tr></thead>
        <tbody>
          {{{ each rows }}}
          <tr{{{ if ./prized }}} class="table-warning"{{{ end }}}>
            <td>{{{ if ./prized }}}<i class="fa fa-trophy text-warning" aria-hidden="true"></i> {{{ end }}}{./rank}</td>
            <td><a href="{./userUrl}">{./username}</a></td>
            <td class="text-end">{./count}</td>
          </tr>
          {{{ end }}}
        </tbody>
      </table>
      {{{ end }}}
      <p class="small text-secondary">{{tx("bonus:top.tie-rule")}}</p>
    </section>
  </div>
</div>
