<div class="acp-page-container bonus-admin" data-bonus-page="admin-members">
  <p class="small mb-1"><a href="{homeUrl}">{{tx("admin/plugins/bonus:title")}}</a></p>
  <h1 class="fs-4 mb-2">{{tx("bonus:members.title")}}</h1>
  <form class="d-flex flex-wrap gap-2 mb-3" method="get" role="search" data-bonus="member-search">
    <label class="visually-hidden" for="bonus-member-name">{{tx("bonus:members.search-label")}}</label>
    <input class="form-control" style="max-width: 20rem;" type="search" id="bonus-member-name" name="member" value="{query}" placeholder="{{tx("bonus:members.search-label")}}" autocomplete="off">
    <button class="btn btn-primary" type="submit">{{tx("bonus:members.search")}}</button>
  </form>
  {{{ if searched }}}{{{ if !found }}}<p class="text-danger" data-bonus="not-found">{{tx("bonus:members.not-found", query)}}</p>{{{ end }}}{{{ end }}}
  {{{ if found }}}
  <section data-bonus="member" data-uid="{member.uid}">
    <h2 class="fs-5 d-flex flex-wrap align-items-center gap-2">
      <a href="{member.profileUrl}">{member.username}</a>
      {{{ if member.banned }}}<span class="badge text-bg-danger">{{tx("bonus:members.banned")}}</span>{{{ end }}}
    </h2>
    <div class="row g-2 mb-3" data-bonus="balances">
      {{{ each balances }}}
      <div class="col-12 col-md-6">
        <div class="card card-body p-2" data-programme="{./programme}">
          <h3 class="fs-6 mb-1">{{tx(./title)}}</h3>
          <dl class="row small mb-0">
            <dt class="col-6 fw-normal">{{tx("bonus:members.spendable")}}</dt><dd class="col-6 text-end mb-0 fw-semibold" data-bonus="spendable">{./spendable}</dd>
            <dt class="col-6 fw-normal">{{tx("bonus:economy.pending")}}</dt><dd class="col-6 text-end mb-0">{./pending}</dd>
            <dt class="col-6 fw-normal">{{tx("bonus:members.held")}}</dt><dd class="col-6 text-end mb-0">{./held}</dd>
          </dl>
        </div>
      </div>
      {{{ end }}}
    </div>
    <div class="mb-3 d-flex flex-wrap gap-2" data-bonus="act">
      <a class="btn btn-sm btn-outline-secondary" href="{member.pointsUrl}">{{tx("bonus:members.act.points")}}</a>
      <a class="btn btn-sm btn-outline-secondary" href="{member.licencesUrl}">{{tx("bonus:members.act.member-licences")}}</a>
      {{{ each links }}}<a class="btn btn-sm btn-outline-secondary" href="{./url}">{{tx(./text)}}</a>{{{ end }}}
    </div>
    <div class="row g-3">
      <div class="col-12 col-xl-6">
        <h3 class="fs-6">{{tx("bonus:members.history")}}</h3>
        {{{ if hasHistory }}}
        <div class="table-responsive"><table class="table table-sm small" data-bonus="history">
          <thead><tr><th>{{tx("bonus:members.col.when")}}</th><th>{{tx("bonus:members.col.what")}}</th><th class="text-end">{{tx("bonus:members.col.amount")}}</th></tr></thead>
          <tbody>{{{ each history }}}<tr><td class="text-nowrap">{./at}</td><td>{{tx(./reason)}}</td><td class="text-end">{./amount}</td></tr>{{{ end }}}</tbody>
        </table></div>
        {{{ else }}}<p class="small text-secondary">{{tx("bonus:members.none")}}</p>{{{ end }}}
      </div>
      <div class="col-12 col-xl-6">
        <h3 class="fs-6">{{tx("bonus:members.orders")}}</h3>
        {{{ if hasOrders }}}
        <ul class="small" data-bonus="orders">{{{ each orders }}}<li><a href="{./url}">#{./id}</a> {./at} — {{tx(./status)}}, {./total}</li>{{{ end }}}</ul>
        {{{ else }}}<p class="small text-secondary">{{tx("bonus:members.none")}}</p>{{{ end }}}
        <h3 class="fs-6">{{tx("bonus:members.loans")}}</h3>
        {{{ if hasLoans }}}
        <ul class="small" data-bonus="loans">{{{ each loans }}}<li>#{./id} {./at} — {{tx(./state)}}: {./amount} ({{tx("bonus:members.outstanding", ./outstanding)}})</li>{{{ end }}}</ul>
        {{{ else }}}<p class="small text-secondary">{{tx("bonus:members.none")}}</p>{{{ end }}}
        <h3 class="fs-6">{{tx("bonus:members.warnings")}}</h3>
        {{{ if hasWarnings }}}
        <ul class="small" data-bonus="warnings">{{{ each warnings }}}<li>{./at} — {./amount}: <span class="text-break">{./reason}</span>{{{ if ./revoked }}} <span class="badge text-bg-secondary">{{tx("bonus:members.revoked")}}</span>{{{ end }}}</li>{{{ end }}}</ul>
        {{{ else }}}<p class="small text-secondary">{{tx("bonus:members.none")}}</p>{{{ end }}}
        <h3 class="fs-6">{{tx("bonus:members.licences")}}</h3>
        {{{ if hasLicences }}}
        <ul class="small" data-bonus="licences">{{{ each licences }}}<li><code>{./code}</code> {./product} — {{tx(./source)}}{{{ if ./expires }}}, {{tx("bonus:members.expires", ./expires)}}{{{ end }}}</li>{{{ end }}}</ul>
        {{{ else }}}<p class="small text-secondary">{{tx("bonus:members.none")}}</p>{{{ end }}}
        <h3 class="fs-6">{{tx("bonus:members.seller")}}</h3>
        {{{ if seller }}}<p class="small" data-bonus="seller">{{tx(seller.status)}} — <span class="text-break">{seller.shopName}</span>, <span class="text-break">{seller.city}</span></p>
        {{{ else }}}<p class="small text-secondary" data-bonus="seller">{{tx("bonus:members.not-seller")}}</p>{{{ end }}}
      </div>
    </div>
  </section>
  {{{ end }}}
</div>
