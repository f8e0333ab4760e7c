<div class="bonus bonus-transfer" data-bonus-page="transfer">
  <h1 class="fs-3 mb-3">{{tx("bonus:transfer.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:transfer.intro")}}{{{ if charity }}} <a href="{charity.url}">{{tx("bonus:transfer.charity-link", charity.name)}}</a>{{{ end }}}</p>

  {{{ if canSend }}}
  <form class="card card-body mb-3" data-bonus="transfer-form" data-key="{formKey}">
    <div class="row g-2">
      <div class="col-12 col-md-5">
        <label class="form-label" for="bonus-transfer-to">{{tx("bonus:transfer.to")}}</label>
        <input class="form-control" id="bonus-transfer-to" name="to" value="{to}" required maxlength="200" autocomplete="off">
      </div>
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-transfer-amount">{{tx("bonus:transfer.amount")}}</label>
        <input class="form-control" type="number" id="bonus-transfer-amount" name="amount" min="{min}" max="{max}" step="1" required aria-describedby="bonus-transfer-limits">
      </div>
      <div class="col-12">
        <label class="form-label" for="bonus-transfer-message">{{tx("bonus:transfer.message")}}</label>
        <input class="form-control" id="bonus-transfer-message" name="message" maxlength="500">
      </div>
    </div>
    <p id="bonus-transfer-limits" class="form-text mb-2">{{tx("bonus:transfer.limits", bonusPlural("bonus:points.gen", min), bonusPlural("bonus:points.gen", max), bonusPlural("bonus:points.count", spendable))}}{{{ if hasDayLimit }}} {{tx("bonus:transfer.day-left", leftTodayText, dayLimitText)}}{{{ end }}}</p>
    <div><button type="submit" class="btn btn-primary">{{tx("bonus:transfer.send")}}</button></div>
  </form>
  {{{ else }}}
  <p class="alert alert-info" data-bonus="not-allowed">{{tx("bonus:transfer.not-allowed")}}</p>
  {{{ end }}}

  <section aria-labelledby="bonus-transfer-list">
    <h2 id="bonus-transfer-list" class="fs-5">{{tx("bonus:transfer.mine")}}</h2>
    {{{ if hasTransfers }}}
    <div class="table-responsive">
      <table class="table table-sm align-middle">
        <thead><tr><th scope="col">{{tx("bonus:points.col.date")}}</th><th scope="col" class="text-end">{{tx("bonus:points.col.amount")}}</th><th scope="col">{{tx("bonus:transfer.col.member")}}</th><th scope="col">{{tx("bonus:transfer.col.message")}}</th></tr></thead>
        <tbody>
          {{{ each transfers }}}
          <tr data-transfer-id="{./id}">
            <td class="text-nowrap"><span class="timeago" title="{./date}">{./dateText}</span></td>
            <td class="text-end fw-bold {{{ if ./outgoing }}}text-danger{{{ else }}}text-success{{{ end }}}">{./amountText}</td>
            <td>{{{ if ./outgoing }}}{{tx("bonus:transfer.sent-to")}}{{{ else }}}{{tx("bonus:transfer.received-from")}}{{{ end }}} <a href="{./otherUrl}">{./other}</a>{{{ if ./reversed }}} <span class="badge text-bg-secondary">{{tx("bonus:transfer.reversed")}}</span>{{{ end }}}</td>
            <td>{./message}</td>
          </tr>
          {{{ end }}}
        </tbody>
      </table>
    </div>
    {{{ else }}}
    <p class="text-secondary" data-bonus="empty">{{tx("bonus:transfer.none")}}</p>
    {{{ end }}}
  </section>
</div>
