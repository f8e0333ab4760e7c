<div class="bonus bonus-loans" data-bonus-page="loans">
  <h1 class="fs-3 mb-3">{{tx("bonus:loans.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:loans.intro", bonusPlural("bonus:points.gen", maxAmount), bonusPlural("bonus:months.gen", maxMonths))}} {{tx(approvalText)}}</p>

  {{{ if current }}}
  <section class="card mb-3" aria-labelledby="bonus-loan-current" data-bonus="current-loan" data-loan-id="{current.id}">
    <div class="card-body">
      <h2 id="bonus-loan-current" class="fs-5">{{tx("bonus:loans.current", current.id)}} <span class="badge {{{ if current.overdue }}}text-bg-danger{{{ else }}}text-bg-secondary{{{ end }}}">{{tx(current.viewText)}}</span></h2>
      <dl class="row mb-2">
        <dt class="col-sm-4">{{tx("bonus:loans.amount")}}</dt><dd class="col-sm-8">{current.amount}</dd>
        {{{ if current.open }}}
        <dt class="col-sm-4">{{tx("bonus:loans.outstanding")}}</dt><dd class="col-sm-8 fw-bold" data-bonus="outstanding">{current.outstanding}</dd>
        <dt class="col-sm-4">{{tx("bonus:loans.due")}}</dt><dd class="col-sm-8">{current.lastDayText}</dd>
        {{{ end }}}
      </dl>
      {{{ if current.open }}}
      <form class="row g-2 align-items-end" data-bonus="repay-form" data-key="{formKey}" data-loan-id="{current.id}">
        <div class="col-6 col-md-3">
          <label class="form-label" for="bonus-repay-amount">{{tx("bonus:loans.repay-amount")}}</label>
          <input class="form-control" type="number" id="bonus-repay-amount" name="amount" min="1" max="{current.outstanding}" step="1" required>
        </div>
        <div class="col-auto"><button type="submit" class="btn btn-primary">{{tx("bonus:loans.repay")}}</button></div>
        <div class="col-auto"><button type="button" class="btn btn-outline-primary" data-bonus="repay-all">{{tx("bonus:loans.repay-all")}}</button></div>
        <p class="form-text mb-0 col-12">{{tx("bonus:loans.spendable", spendable)}}</p>
      </form>
      {{{ else }}}
      <p class="mb-0 text-secondary">{{tx("bonus:loans.pending-note")}}</p>
      {{{ end }}}
    </div>
  </section>
  {{{ end }}}

  {{{ if canApply }}}
  <form class="card card-body mb-3" data-bonus="apply-form">
    <h2 class="fs-5">{{tx("bonus:loans.apply")}}</h2>
    <div class="row g-2 align-items-end">
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-loan-amount">{{tx("bonus:loans.amount")}}</label>
        <input class="form-control" type="number" id="bonus-loan-amount" name="amount" min="1" max="{maxAmount}" step="1" required>
      </div>
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-loan-months">{{tx("bonus:loans.months")}}</label>
        <input class="form-control" type="number" id="bonus-loan-months" name="months" min="1" max="{maxMonths}" step="1" required>
      </div>
      <div class="col-auto"><button type="submit" class="btn btn-primary">{{tx("bonus:loans.apply-submit")}}</button></div>
    </div>
  </form>
  {{{ end }}}
  {{{ if !mayBorrow }}}<p class="alert alert-info" data-bonus="not-allowed">{{tx("bonus:loans.not-allowed")}}</p>{{{ end }}}

  <section aria-labelledby="bonus-loan-list">
    <h2 id="bonus-loan-list" class="fs-5">{{tx("bonus:loans.mine")}}</h2>
    {{{ if hasLoans }}}
    <table class="table table-sm">
      <thead><tr><th scope="col">{{tx("bonus:loans.col.id")}}</th><th scope="col">{{tx("bonus:loans.col.created")}}</th><th scope="col" class="text-end">{{tx("bonus:loans.amount")}}</th><th scope="col">{{tx("bonus:loans.col.state")}}</th><th scope="col">{{tx("bonus:loans.due")}}</th></tr></thead>
      <tbody>
        {{{ each loans }}}
        <tr><td>{./id}</td><td>{./createdText}</td><td class="text-end">{{bonusNumber(./amount)}}</td><td>{{tx(./viewText)}}{{{ if ./writtenOffNote }}}<div class="small text-secondary" data-bonus="written-off-note">{{tx(./writtenOffNote)}}</div>{{{ end }}}</td><td>{./lastDayText}</td></tr>
        {{{ end }}}
      </tbody>
    </table>
    {{{ else }}}
    <p class="text-secondary">{{tx("bonus:loans.none")}}</p>
    {{{ end }}}
  </section>
</div>
