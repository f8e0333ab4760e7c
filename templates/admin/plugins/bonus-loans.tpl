<div class="acp-page-container bonus-admin" data-bonus-page="admin-loans">
  <h1 class="fs-4 mb-3">{{tx("bonus:loans.admin-title")}}</h1>
  <ul class="nav nav-pills mb-3 flex-wrap">
    {{{ each views }}}
    <li class="nav-item"><a class="nav-link{{{ if ./active }}} active{{{ end }}}" href="{./url}" data-view="{./view}">{{tx(./text)}} <span class="badge text-bg-light">{./count}</span></a></li>
    {{{ end }}}
  </ul>
  {{{ if hasSummary }}}
  <table class="table table-sm w-auto mb-1">
    <thead><tr><th scope="col">{{tx("bonus:loans.col.state")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.col.count")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.amount")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.col.outstanding-or-written-off")}}</th></tr></thead>
    <tbody>
      {{{ each views }}}
      <tr data-totals="{./view}"><td>{{tx(./text)}}</td><td class="text-end">{./total.count}</td><td class="text-end">{./total.amount}</td><td class="text-end">{./total.outstanding}</td></tr>
      {{{ end }}}
    </tbody>
  </table>
  <p class="form-text mb-4" data-bonus="summary-at">{{tx("bonus:loans.totals-as-of", summaryAt)}}{{{ if summaryStale }}} {{tx("bonus:loans.totals-stale")}}{{{ end }}}</p>
  {{{ else }}}
  <p class="form-text mb-4" data-bonus="summary-at">{{tx("bonus:loans.totals-not-yet")}}</p>
  {{{ end }}}
  <h2 class="fs-5">{{tx(viewText)}}</h2>
  {{{ if hasLoans }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle">
      <thead><tr><th scope="col">{{tx("bonus:loans.col.id")}}</th><th scope="col">{{tx("bonus:loans.col.member")}}</th><th scope="col">{{tx("bonus:loans.col.created")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.amount")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.months")}}</th><th scope="col">{{tx("bonus:loans.due")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.outstanding")}}</th><th scope="col">{{tx("bonus:transfer.col.actions")}}</th></tr></thead>
      <tbody>
        {{{ each loans }}}
        <tr data-loan-id="{./id}">
          <td>{./id}</td>
          <td><a href="{./memberUrl}">{./member}</a>{{{ if ./hasApplicant }}}<div class="small text-secondary" data-bonus="applicant">{{tx("bonus:loans.applicant", ./applicant.spendable, ./applicant.pastLoans, ./applicant.writtenOff, ./applicant.warnings)}}</div>{{{ end }}}</td>
          <td>{./createdText}</td>
          <td class="text-end">{{bonusNumber(./amount)}}</td>
          <td class="text-end">{./months}</td>
          <td>{./lastDayText}</td>
          <td class="text-end">{{bonusNumber(./outstanding)}}</td>
          <td>{{{ if ./pending }}}<button type="button" class="btn btn-sm btn-success" data-bonus="approve" data-id="{./id}">{{tx("bonus:loans.approve")}}</button> <button type="button" class="btn btn-sm btn-outline-danger" data-bonus="reject" data-id="{./id}">{{tx("bonus:loans.reject")}}</button>{{{ end }}}</td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ if pagination.multiple }}}
  <nav class="d-flex gap-2 align-items-center" data-bonus="pagination">
    {{{ if pagination.prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prevUrl}">{{tx("bonus:loans.newer")}}</a>{{{ end }}}
    <span class="text-secondary small">{{tx("bonus:loans.page-of", pagination.page, pagination.pageCount)}}</span>
    {{{ if pagination.nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.nextUrl}">{{tx("bonus:loans.older")}}</a>{{{ end }}}
  </nav>
  {{{ end }}}
  {{{ else }}}
  <p class="text-secondary">{{tx("bonus:loans.none")}}</p>
  {{{ end }}}
</div>
