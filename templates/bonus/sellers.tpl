<div class="bonus bonus-sellers" data-bonus-page="sellers">
  <h1 class="fs-3 mb-3">{{tx("bonus:retail.title")}}</h1>
  <p class="text-secondary">{{tx("bonus:retail.intro")}}</p>

  <div class="card card-body mb-3" data-bonus="monthly-events">
    <div class="d-flex flex-wrap gap-2 mb-1">
      <a class="btn btn-sm btn-outline-primary" href="{contestUrl}" data-bonus="contest-link"><i class="fa fa-camera" aria-hidden="true"></i> {{tx("bonus:events.contest-title")}}</a>
      <a class="btn btn-sm btn-outline-primary" href="{drawUrl}" data-bonus="draw-link"><i class="fa fa-trophy" aria-hidden="true"></i> {{tx("bonus:events.draw-title")}}</a>
      <a class="btn btn-sm btn-outline-primary" href="{quizzesUrl}" data-bonus="quizzes-link"><i class="fa fa-graduation-cap" aria-hidden="true"></i> {{tx("bonus:quizzes.title")}}</a>
      <a class="btn btn-sm btn-outline-primary" href="{gameUrl}" data-bonus="game-link"><i class="fa fa-gamepad" aria-hidden="true"></i> {{tx("bonus:game.link")}}{{{ if gamePlays }}} <span class="badge text-bg-primary" data-bonus="game-plays">{{tx(gamePlays)}}</span>{{{ end }}}</a>
    </div>
    {{{ if hasDrawPrizes }}}
    <div class="small" data-bonus="draw-prizes"><span class="text-secondary">{{tx("bonus:events.month-prizes")}}:</span>
      <ul class="mb-0">{{{ each drawPrizes }}}<li>{./name}: {./prize}</li>{{{ end }}}</ul>
    </div>
    {{{ end }}}
  </div>

  {{{ if isAnnulled }}}
  <div class="alert alert-danger" data-bonus="annulled">{{tx("bonus:retail.annulled-note")}}<div class="small mt-1">{reason}</div></div>
  {{{ end }}}

  {{{ if isPending }}}
  <div class="alert alert-info" data-bonus="pending">{{tx("bonus:retail.pending-note")}}</div>
  {{{ end }}}

  {{{ if canApply }}}
  {{{ if wasRejected }}}
  <div class="alert alert-warning" data-bonus="rejected">{{tx("bonus:retail.rejected-note")}}<div class="small mt-1">{reason}</div></div>
  {{{ end }}}
  <form class="card card-body mb-3" data-bonus="apply-form" novalidate>
    <h2 class="fs-5">{{tx("bonus:retail.apply")}}</h2>
    <p class="small text-secondary">{{{ if automatic }}}{{tx("bonus:retail.approval.automatic-note")}}{{{ else }}}{{tx("bonus:retail.approval.admin-note")}}{{{ end }}}</p>
    <div class="row g-2">
      <div class="col-12 col-md-4">
        <label class="form-label" for="bonus-shop-name">{{tx("bonus:retail.shop-name")}}</label>
        <input class="form-control" id="bonus-shop-name" name="shopName" maxlength="200" required>
      </div>
      <div class="col-12 col-md-3">
        <label class="form-label" for="bonus-shop-city">{{tx("bonus:retail.city")}}</label>
        <input class="form-control" id="bonus-shop-city" name="city" maxlength="100" required>
      </div>
      <div class="col-12 col-md-5">
        <label class="form-label" for="bonus-shop-address">{{tx("bonus:retail.address")}}</label>
        <input class="form-control" id="bonus-shop-address" name="address" maxlength="300" required>
      </div>
      <div class="col-12 col-md-6">
        <label class="form-label" for="bonus-first-product">{{tx("bonus:retail.product")}}</label>
        <select class="form-select" id="bonus-first-product" name="productId" required>
          {{{ each products }}}<option value="{./id}">{./name}</option>{{{ end }}}
        </select>
      </div>
      <div class="col-12 col-md-6">
        <label class="form-label" for="bonus-first-code">{{tx("bonus:retail.first-code")}}</label>
        <input class="form-control font-monospace" id="bonus-first-code" name="code" maxlength="40" autocomplete="off" placeholder="{{tx("bonus:retail.code-example")}}" required>
      </div>
      <div class="col-12">
        <div class="form-check">
          <input class="form-check-input" type="checkbox" id="bonus-eligible" name="eligible" required>
          <label class="form-check-label" for="bonus-eligible">{{tx("bonus:retail.eligibility")}}</label>
        </div>
      </div>
      <div class="col-12"><button type="submit" class="btn btn-primary">{{tx("bonus:retail.apply-submit")}}</button></div>
    </div>
    <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
  </form>
  {{{ end }}}

  {{{ if isActive }}}
  <div class="row g-3 mb-3">
    <div class="col-12 col-md-4">
      <div class="card card-body h-100">
        <div class="text-secondary small">{{tx("bonus:retail.balance")}}</div>
        <div class="fs-3 fw-bold" data-bonus="seller-balance">{{bonusPlural("bonus:sellerpoints.count", balance)}}</div>
      </div>
    </div>
    <div class="col-12 col-md-8">
      <div class="card card-body h-100">
        <div class="text-secondary small">{{tx("bonus:retail.gate-title")}}</div>
        <div class="fs-5" data-bonus="gate">{{tx(gate.text)}}</div>
        <div class="progress mt-2" role="progressbar" aria-valuenow="{gate.have}" aria-valuemin="0" aria-valuemax="{gate.need}"><div class="progress-bar" style="width: calc(100% * {gate.have} / {gate.need})"></div></div>
        <p class="mt-2 mb-0"><a class="btn btn-sm btn-primary" href="{prizesUrl}" data-bonus="prize-shop"><i class="fa fa-gift" aria-hidden="true"></i> {{tx("bonus:prizes.open")}}</a></p>
      </div>
    </div>
  </div>

  {{{ if taxNeeded }}}
  <div class="alert alert-warning" role="status" data-bonus="tax-needed">{{tx("bonus:retail.tax.needed", taxThreshold)}}</div>
  {{{ end }}}
  <details class="card card-body mb-3" id="tax" {{{ if taxNeeded }}}open{{{ end }}} data-bonus="tax">
    <summary class="fw-semibold">{{tx("bonus:retail.tax.title")}}{{{ if taxGiven }}} <span class="badge text-bg-success ms-1" data-bonus="tax-given">{{tx("bonus:retail.tax.given", taxGivenText)}}</span>{{{ end }}}</summary>
    <form class="mt-2" data-bonus="tax-form" novalidate>
      <p class="small text-secondary">{{tx("bonus:retail.tax.help")}}</p>
      <div class="row g-2">
        <div class="col-12 col-md-6"><label class="form-label" for="bonus-tax-name">{{tx("bonus:retail.tax.full-name")}}</label><input class="form-control" id="bonus-tax-name" name="fullName" required minlength="3" maxlength="200" autocomplete="name"></div>
        <div class="col-6 col-md-3"><label class="form-label" for="bonus-tax-birth">{{tx("bonus:retail.tax.birth-date")}}</label><input class="form-control" id="bonus-tax-birth" name="birthDate" type="date" required autocomplete="bday"></div>
        <div class="col-6 col-md-3"><label class="form-label" for="bonus-tax-number">{{tx("bonus:retail.tax.tax-number")}}</label><input class="form-control" id="bonus-tax-number" name="taxNumber" required pattern="[0-9]{12}" inputmode="numeric" maxlength="12"></div>
        <div class="col-12"><label class="form-label" for="bonus-tax-address">{{tx("bonus:retail.tax.address")}}</label><input class="form-control" id="bonus-tax-address" name="address" required minlength="5" maxlength="500" autocomplete="street-address"></div>
      </div>
      <button type="submit" class="btn btn-primary mt-2">{{tx("bonus:retail.tax.save")}}</button>
      <p class="small text-danger mt-2 mb-0" role="alert" data-bonus="form-error"></p>
    </form>
  </details>

  <form class="card card-body mb-3" data-bonus="register-form" novalidate>
    <h2 class="fs-5">{{tx("bonus:retail.register")}}</h2>
    <div class="row g-2">
      <div class="col-12 col-md-5">
        <label class="form-label" for="bonus-sale-product">{{tx("bonus:retail.product")}}</label>
        <select class="form-select" id="bonus-sale-product" name="productId" required>
          {{{ each products }}}<option value="{./id}">{./name} — {{bonusPlural("bonus:points.count", ./points)}}</option>{{{ end }}}
        </select>
      </div>
      <div class="col-12 col-md-7">
        <label class="form-label" for="bonus-sale-codes">{{tx("bonus:retail.codes")}}</label>
        <textarea class="form-control font-monospace" id="bonus-sale-codes" name="codes" rows="3" placeholder="{{tx("bonus:retail.code-example")}}" required></textarea>
        <div class="form-text">{{tx("bonus:retail.codes-help", dailyLimit)}}</div>
      </div>
      <div class="col-12">
        <label class="form-label" for="bonus-sale-photo">{{tx("bonus:retail.photo")}}</label>
        <div class="input-group">
          <input class="form-control" id="bonus-sale-photo" name="photo" type="url" maxlength="1000" aria-describedby="bonus-sale-photo-help">
          <button class="btn btn-outline-secondary" type="button" data-bonus="photo-upload"><i class="fa fa-upload" aria-hidden="true"></i> {{tx("bonus:claim.upload-photo")}}</button>
        </div>
        <div class="form-text" id="bonus-sale-photo-help">{{tx("bonus:retail.photo-help")}}</div>
      </div>
      <div class="col-12"><button type="submit" class="btn btn-primary">{{tx("bonus:retail.register-submit")}}</button></div>
    </div>
    <p class="mt-2 mb-0 small text-danger" role="alert" data-bonus="form-error"></p>
    <ol class="list-unstyled mt-2 mb-0 small" data-bonus="report" aria-live="polite"></ol>
  </form>
  {{{ end }}}

  {{{ if isActive }}}
  {{{ if hasCounts }}}
  <section class="mb-3" aria-labelledby="bonus-sale-counts">
    <h2 id="bonus-sale-counts" class="fs-5">{{tx("bonus:retail.counts")}}</h2>
    <div class="row g-3">
      <div class="col-12 col-md-6">
        <table class="table table-sm"><thead><tr><th scope="col">{{tx("bonus:retail.product")}}</th><th scope="col" class="text-end">{{tx("bonus:retail.col.sales")}}</th></tr></thead>
          <tbody>{{{ each byProduct }}}<tr><td>{./name}</td><td class="text-end">{./count}</td></tr>{{{ end }}}</tbody></table>
      </div>
      <div class="col-12 col-md-6">
        <table class="table table-sm"><thead><tr><th scope="col">{{tx("bonus:retail.col.month")}}</th><th scope="col" class="text-end">{{tx("bonus:retail.col.sales")}}</th></tr></thead>
          <tbody>{{{ each byMonth }}}<tr><td>{./month}</td><td class="text-end">{./count}</td></tr>{{{ end }}}</tbody></table>
      </div>
    </div>
  </section>
  {{{ end }}}
  {{{ end }}}

  {{{ if hasSales }}}
  <section class="mb-3" aria-labelledby="bonus-sale-list">
    <h2 id="bonus-sale-list" class="fs-5">{{tx("bonus:retail.sales")}} <span class="text-secondary small">{{tx("bonus:retail.counts-line", counts.accepted, counts.pending, counts.rejected)}}</span></h2>
    <table class="table table-sm bonus-stack">
      <thead><tr><th scope="col">{{tx("bonus:retail.col.date")}}</th><th scope="col">{{tx("bonus:retail.col.code")}}</th><th scope="col">{{tx("bonus:retail.product")}}</th><th scope="col" class="text-end">{{tx("bonus:retail.col.points")}}</th><th scope="col">{{tx("bonus:retail.col.status")}}</th></tr></thead>
      <tbody>
        {{{ each sales }}}
        <tr data-bonus="sale" data-status="{./status}">
          <td data-label="{{tx("bonus:retail.col.date")}}">{./dateText}</td>
          <td data-label="{{tx("bonus:retail.col.code")}}" class="font-monospace">{./code}</td>
          <td data-label="{{tx("bonus:retail.product")}}">{./product}</td>
          <td data-label="{{tx("bonus:retail.col.points")}}" class="text-end">{./points}</td>
          <td data-label="{{tx("bonus:retail.col.status")}}"><span class="badge {{{ if ./accepted }}}text-bg-success{{{ end }}}{{{ if ./pending }}}text-bg-secondary{{{ end }}}{{{ if ./rejected }}}text-bg-danger{{{ end }}}">{{tx(./statusText)}}</span>{{{ if ./reason }}}<div class="small text-secondary">{./reason}</div>{{{ end }}}</td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
    {{{ if pagination }}}
    <nav class="d-flex gap-2" aria-label="{{tx("bonus:retail.sales")}}">
      {{{ if pagination.prev }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prev}">{{tx("bonus:points.newer")}}</a>{{{ end }}}
      <span class="align-self-center small">{pagination.page} / {pagination.pageCount}</span>
      {{{ if pagination.next }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.next}">{{tx("bonus:points.older")}}</a>{{{ end }}}
    </nav>
    {{{ end }}}
  </section>
  {{{ end }}}

  {{{ if hasHistory }}}
  <section aria-labelledby="bonus-seller-history">
    <h2 id="bonus-seller-history" class="fs-5">{{tx("bonus:retail.history")}}</h2>
    <table class="table table-sm bonus-stack">
      <thead><tr><th scope="col">{{tx("bonus:retail.col.date")}}</th><th scope="col" class="text-end">{{tx("bonus:retail.col.points")}}</th><th scope="col">{{tx("bonus:points.col.reason")}}</th></tr></thead>
      <tbody>
        {{{ each history }}}
        <tr><td data-label="{{tx("bonus:retail.col.date")}}">{./dateText}</td><td data-label="{{tx("bonus:retail.col.points")}}" class="text-end {{{ if ./positive }}}text-success{{{ else }}}text-danger{{{ end }}}">{./amountText}</td><td data-label="{{tx("bonus:points.col.reason")}}">{{tx(./reasonText)}}</td></tr>
        {{{ end }}}
      </tbody>
    </table>
  </section>
  {{{ end }}}
</div>
