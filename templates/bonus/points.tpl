<div class="bonus bonus-points" data-bonus-page="points" data-uid="{uid}">
  <h1 class="fs-3 mb-3">{{tx("bonus:points.title")}}</h1>
  {{{ if !isSelf }}}<p class="text-secondary">{{tx("bonus:points.of-member", username)}}</p>{{{ end }}}

  <section class="card mb-3" aria-labelledby="bonus-points-balance">
    <div class="card-body">
      <h2 id="bonus-points-balance" class="fs-5">{{tx("bonus:points.balance-heading")}}</h2>
      <dl class="row mb-0">
        <dt class="col-sm-4">{{tx("bonus:balance.spendable")}}</dt>
        <dd class="col-sm-8 fw-bold {{{ if negative }}}text-danger{{{ end }}}" data-bonus="spendable">{{bonusNumber(balance.spendable)}}</dd>
        <dt class="col-sm-4">{{tx("bonus:points.posted")}}</dt>
        <dd class="col-sm-8" data-bonus="posted">{{bonusNumber(balance.posted)}}</dd>
        <dt class="col-sm-4">{{tx("bonus:points.held")}}</dt>
        <dd class="col-sm-8" data-bonus="held">{{bonusNumber(balance.held)}}</dd>
        <dt class="col-sm-4">{{tx("bonus:balance.pending")}}</dt>
        <dd class="col-sm-8" data-bonus="pending">{{bonusNumber(balance.pending)}}</dd>
      </dl>
      {{{ if negative }}}<p class="text-danger mb-0 mt-2">{{tx("bonus:points.negative-note")}}</p>{{{ end }}}
    </div>
  </section>

  {{{ if seller }}}
  <section class="card mb-3" aria-labelledby="bonus-points-seller" data-bonus="seller-programme">
    <div class="card-body">
      <h2 id="bonus-points-seller" class="fs-5">{{tx("bonus:retail.balance")}}</h2>
      <p class="fs-5 fw-bold mb-1" data-bonus="seller-spendable">{{bonusPlural("bonus:sellerpoints.count", seller.spendable)}}</p>
      <p class="small text-secondary mb-2">{{tx("bonus:points.seller-note", seller.gateHave, bonusPlural("bonus:sales.gen", seller.gateNeed))}}</p>
      <p class="mb-0 d-flex flex-wrap gap-3"><a href="{seller.url}">{{tx("bonus:retail.title")}}</a> <a href="{seller.prizesUrl}">{{tx("bonus:prizes.title")}}</a></p>
    </div>
  </section>
  {{{ end }}}

  {{{ if loan }}}
  <section class="card mb-3{{{ if loan.overdue }}} border-danger{{{ end }}}" aria-labelledby="bonus-points-loan" data-bonus="loan">
    <div class="card-body">
      <h2 id="bonus-points-loan" class="fs-5">{{tx("bonus:loans.current", loan.id)}} <span class="badge {{{ if loan.overdue }}}text-bg-danger{{{ else }}}text-bg-secondary{{{ end }}}">{{tx(loan.viewText)}}</span></h2>
      {{{ if loan.open }}}
      <p class="mb-1">{{tx("bonus:points.loan-summary", loan.outstanding, bonusPlural("bonus:points.gen", loan.amount), loan.lastDayText)}}</p>
      {{{ else }}}
      <p class="mb-1">{{tx("bonus:points.loan-pending", bonusPlural("bonus:points.count", loan.amount))}}</p>
      {{{ end }}}
      {{{ if isSelf }}}<a href="{loan.url}">{{tx("bonus:points.loan-open")}}</a>{{{ end }}}
    </div>
  </section>
  {{{ end }}}
  {{{ if isSelf }}}
  <p class="d-flex flex-wrap gap-2" data-bonus="finance-links">
    <a class="btn btn-sm btn-outline-primary" href="{financeLinks.transfer}">{{tx("bonus:home.link.transfer")}}</a>
    <a class="btn btn-sm btn-outline-primary" href="{financeLinks.loans}">{{tx("bonus:home.link.loans")}}</a>
    {{{ if financeLinks.charity }}}<a class="btn btn-sm btn-outline-primary" href="{financeLinks.charity}">{{tx("bonus:home.link.charity")}}</a>{{{ end }}}
  </p>
  {{{ end }}}

  <section class="card mb-3" aria-labelledby="bonus-points-pending">
    <div class="card-body">
      <h2 id="bonus-points-pending" class="fs-5">{{tx("bonus:points.pending-heading")}}</h2>
      <p class="small text-secondary" data-bonus="pending-help">{{tx("bonus:points.pending-help", bonusPlural("bonus:hours.count", holdHours))}}</p>
      {{{ if hasPending }}}
      <ul class="list-unstyled mb-0">
        {{{ each pending }}}
        <li class="mb-1" data-bonus="pending-day">{{tx("bonus:points.pending-day", bonusPlural("bonus:points.count", ./amount), bonusPlural("bonus:posts.count", ./posts), ./dayText)}}</li>
        {{{ end }}}
      </ul>
      {{{ else }}}
      <p class="text-secondary mb-0">{{tx("bonus:points.no-pending")}}</p>
      {{{ end }}}
    </div>
  </section>

  <section aria-labelledby="bonus-points-history">
    <h2 id="bonus-points-history" class="fs-5">{{tx("bonus:points.history-heading")}}</h2>
    {{{ if hasHistory }}}
    <div class="table-responsive">
      <table class="table table-sm align-middle bonus-stack" data-bonus="history">
        <thead>
          <tr>
            <th scope="col">{{tx("bonus:points.col.date")}}</th>
            <th scope="col" class="text-end">{{tx("bonus:points.col.amount")}}</th>
            <th scope="col">{{tx("bonus:points.col.kind")}}</th>
            <th scope="col">{{tx("bonus:points.col.reason")}}</th>
            <th scope="col">{{tx("bonus:points.col.source")}}</th>
          </tr>
        </thead>
        <tbody>
          {{{ each history }}}
          <tr data-entry="{./id}">
            <td class="text-nowrap bonus-stack-head"><span class="timeago" title="{./date}">{./dateText}</span></td>
            <td class="text-end bonus-stack-head {{{ if ./muted }}}text-secondary{{{ else }}}fw-bold {{{ if ./positive }}}text-success{{{ else }}}text-danger{{{ end }}}{{{ end }}}">{./amountText}</td>
            <td data-label="{{tx("bonus:points.col.kind")}}">{{tx(./kindText)}}</td>
            <td data-label="{{tx("bonus:points.col.reason")}}">{{tx(./reasonText)}}{{{ if ./comment }}}<div class="text-secondary small">{{tx(./comment)}}</div>{{{ end }}}{{{ if ./commentText }}}<div class="text-secondary small">{./commentText}</div>{{{ end }}}</td>
            <td data-label="{{tx("bonus:points.col.source")}}">{{{ if ./sourceUrl }}}<a href="{./sourceUrl}">{{tx(./sourceText)}}</a>{{{ else }}}{{tx(./sourceText)}}{{{ end }}}</td>
          </tr>
          {{{ end }}}
        </tbody>
      </table>
    </div>
    {{{ if pagination.multiple }}}
    <nav aria-label="{{tx("bonus:points.pages")}}" class="d-flex align-items-center gap-2">
      {{{ if pagination.prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prevUrl}">{{tx("bonus:points.newer")}}</a>{{{ end }}}
      <span class="text-secondary">{{tx("bonus:points.page", pagination.page)}}</span>
      {{{ if pagination.nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.nextUrl}">{{tx("bonus:points.older")}}</a>{{{ end }}}
    </nav>
    {{{ end }}}
    {{{ else }}}
    <p class="text-secondary">{{tx("bonus:points.no-history")}}</p>
    {{{ end }}}
  </section>
</div>
