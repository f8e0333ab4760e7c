<div class="acp-page-container bonus-admin" data-bonus-page="admin-home">
  <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
    <h1 class="fs-4 mb-0">{{tx("admin/plugins/bonus:title")}}</h1>
    <nav class="btn-group btn-group-sm" aria-label="{{tx("bonus:economy.period")}}" data-bonus="periods">
      {{{ each periods }}}
      <a class="btn {{{ if ./active }}}btn-primary{{{ else }}}btn-outline-primary{{{ end }}}" href="{./url}"{{{ if ./active }}} aria-current="page"{{{ end }}}>{{bonusPlural("bonus:days.count", ./days)}}</a>
      {{{ end }}}
    </nav>
  </div>
  <p class="text-secondary small">{{tx("admin/plugins/bonus:intro")}} {{tx("bonus:economy.intro")}}</p>

  {{{ each programmes }}}
  <section class="mb-4" data-bonus="programme" data-programme="{./programme}" aria-labelledby="bonus-eco-{./programme}">
    <h2 class="fs-5" id="bonus-eco-{./programme}">{{tx(./title)}}</h2>
    <div class="row row-cols-2 row-cols-md-4 g-2 mb-3" data-bonus="figures">
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.liability")}}</div><div class="fs-5 fw-semibold" data-bonus="liability">{./liability}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.pending")}}</div><div class="fs-5 fw-semibold" data-bonus="pending">{./pending}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.held")}}</div><div class="fs-5 fw-semibold" data-bonus="held">{./held}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.issued")}}</div><div class="fs-5 fw-semibold" data-bonus="issued">{./issued.current}</div><div class="small text-secondary">{{tx("bonus:economy.before", ./issued.previous)}}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.spent")}}</div><div class="fs-5 fw-semibold" data-bonus="spent">{./spent.current}</div><div class="small text-secondary">{{tx("bonus:economy.before", ./spent.previous)}}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.redemption")}}</div><div class="fs-5 fw-semibold" data-bonus="redemption">{./redemption}</div><div class="small text-secondary">{{tx("bonus:economy.before", ./previousRedemption)}}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.breakage")}}</div><div class="fs-5 fw-semibold" data-bonus="breakage">{./breakage}</div><div class="small text-secondary">{{tx("bonus:economy.before", ./previousBreakage)}}</div></div></div>
      <div class="col"><div class="card card-body p-2 h-100"><div class="small text-secondary">{{tx("bonus:economy.stock-value")}}</div><div class="fs-5 fw-semibold" data-bonus="stock-value">{./stockValue}</div><div class="small text-secondary">{{tx("bonus:economy.stock-units", ./stockUnits)}}{{{ if ./stockUnvalued }}} · {{tx("bonus:economy.stock-unvalued", ./stockUnvalued)}}{{{ end }}}</div></div></div>
    </div>
    <p class="small text-secondary">{{tx("bonus:economy.breakage-help")}} {{tx("bonus:economy.stock-value-help")}}</p>

    <div class="card card-body mb-3">
      <div class="d-flex flex-wrap justify-content-between align-items-center gap-2">
        <h3 class="fs-6 mb-0">{{tx("bonus:economy.daily")}}</h3>
        <button type="button" class="btn btn-sm btn-outline-secondary" data-bonus-csv="bonus-eco-daily-{./programme}"><i class="fa fa-download"></i> {{tx("bonus:economy.csv")}}</button>
      </div>
      <div class="position-relative" style="height: 240px;"><canvas data-bonus-chart="line" data-table="bonus-eco-daily-{./programme}" role="img" aria-label="{{tx("bonus:economy.daily")}}"></canvas></div>
      <details class="mt-2">
        <summary class="small">{{tx("bonus:economy.table")}}</summary>
        <div class="table-responsive">
          <table class="table table-sm small mb-0" id="bonus-eco-daily-{./programme}">
            <thead><tr><th data-label>{{tx("bonus:economy.col.day")}}</th><th data-series>{{tx("bonus:economy.issued")}}</th><th data-series>{{tx("bonus:economy.spent")}}</th><th>{{tx("bonus:economy.col.previous-day")}}</th><th data-series data-dashed>{{tx("bonus:economy.col.previous-issued")}}</th><th data-series data-dashed>{{tx("bonus:economy.col.previous-spent")}}</th></tr></thead>
            <tbody>
              {{{ each ./days }}}
              <tr><td>{./day}</td><td>{./issued}</td><td>{./spent}</td><td>{./previousDay}</td><td>{./previousIssued}</td><td>{./previousSpent}</td></tr>
              {{{ end }}}
            </tbody>
          </table>
        </div>
      </details>
    </div>

    <div class="row g-3">
      <div class="col-12 col-lg-6">
        <div class="card card-body h-100">
          <div class="d-flex flex-wrap justify-content-between align-items-center gap-2">
            <h3 class="fs-6 mb-0">{{tx("bonus:economy.by-source")}}</h3>
            <button type="button" class="btn btn-sm btn-outline-secondary" data-bonus-csv="bonus-eco-sources-{./programme}"><i class="fa fa-download"></i> {{tx("bonus:economy.csv")}}</button>
          </div>
          {{{ if ./hasSources }}}
          <div class="position-relative" style="height: 200px;"><canvas data-bonus-chart="bar" data-table="bonus-eco-sources-{./programme}" role="img" aria-label="{{tx("bonus:economy.by-source")}}"></canvas></div>
          {{{ else }}}<p class="small text-secondary mb-1">{{tx("bonus:economy.none")}}</p>{{{ end }}}
          <div class="table-responsive">
            <table class="table table-sm small mb-0" id="bonus-eco-sources-{./programme}">
              <thead><tr><th data-label>{{tx("bonus:economy.col.source")}}</th><th data-series>{{tx("bonus:economy.col.period")}}</th><th data-series>{{tx("bonus:economy.col.previous")}}</th></tr></thead>
              <tbody>{{{ each ./sources }}}<tr data-key="{./key}"><td>{{tx(./label)}}</td><td>{./current}</td><td>{./previous}</td></tr>{{{ end }}}</tbody>
            </table>
          </div>
        </div>
      </div>
      <div class="col-12 col-lg-6">
        <div class="card card-body h-100">
          <div class="d-flex flex-wrap justify-content-between align-items-center gap-2">
            <h3 class="fs-6 mb-0">{{tx("bonus:economy.by-use")}}</h3>
            <button type="button" class="btn btn-sm btn-outline-secondary" data-bonus-csv="bonus-eco-uses-{./programme}"><i class="fa fa-download"></i> {{tx("bonus:economy.csv")}}</button>
          </div>
          {{{ if ./hasUses }}}
          <div class="position-relative" style="height: 200px;"><canvas data-bonus-chart="bar" data-table="bonus-eco-uses-{./programme}" role="img" aria-label="{{tx("bonus:economy.by-use")}}"></canvas></div>
          {{{ else }}}<p class="small text-secondary mb-1">{{tx("bonus:economy.none")}}</p>{{{ end }}}
          <div class="table-responsive">
            <table class="table table-sm small mb-0" id="bonus-eco-uses-{./programme}">
              <thead><tr><th data-label>{{tx("bonus:economy.col.use")}}</th><th data-series>{{tx("bonus:economy.col.period")}}</th><th data-series>{{tx("bonus:economy.col.previous")}}</th></tr></thead>
              <tbody>{{{ each ./uses }}}<tr data-key="{./key}"><td>{{tx(./label)}}</td><td>{./current}</td><td>{./previous}</td></tr>{{{ end }}}</tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  </section>
  {{{ end }}}

  <div class="row g-3 mb-4">
    <div class="col-12 col-lg-6">
      <section class="card card-body h-100" data-bonus="loans" aria-labelledby="bonus-eco-loans">
        <h2 class="fs-6" id="bonus-eco-loans"><a href="{loans.url}">{{tx("bonus:economy.loans")}}</a></h2>
        <dl class="row small mb-0">
          <dt class="col-8 fw-normal">{{tx("bonus:loans.state.open")}}</dt><dd class="col-4 text-end mb-1">{loans.open}</dd>
          <dt class="col-8 fw-normal">{{tx("bonus:loans.state.overdue")}}</dt><dd class="col-4 text-end mb-1" data-bonus="loans-overdue">{loans.overdue}</dd>
          <dt class="col-8 fw-normal">{{tx("bonus:loans.state.pending")}}</dt><dd class="col-4 text-end mb-1">{loans.pending}</dd>
          <dt class="col-8 fw-normal">{{tx("bonus:economy.loans-outstanding")}}</dt><dd class="col-4 text-end mb-1">{loans.outstanding}</dd>
          <dt class="col-8 fw-normal">{{tx("bonus:economy.loans-overdue-outstanding")}}</dt><dd class="col-4 text-end mb-1">{loans.overdueOutstanding}</dd>
        </dl>
        {{{ if loans.countedAt }}}<p class="small text-secondary mb-0 mt-1">{{tx("bonus:economy.loans-counted", loans.countedAt)}}</p>{{{ end }}}
      </section>
    </div>
    <div class="col-12 col-lg-6">
      <section class="card card-body h-100" data-bonus="orders" aria-labelledby="bonus-eco-orders">
        <div class="d-flex justify-content-between align-items-center gap-2">
          <h2 class="fs-6 mb-0" id="bonus-eco-orders">{{tx("bonus:economy.orders")}}</h2>
          <button type="button" class="btn btn-sm btn-outline-secondary" data-bonus-csv="bonus-eco-orders-table"><i class="fa fa-download"></i> {{tx("bonus:economy.csv")}}</button>
        </div>
        <table class="table table-sm small mb-0 mt-1" id="bonus-eco-orders-table">
          <thead><tr><th>{{tx("bonus:economy.col.status")}}</th><th class="text-end">{{tx("bonus:economy.col.count")}}</th><th class="text-end">{{tx("bonus:economy.col.value")}}</th><th>{{tx("bonus:economy.col.oldest")}}</th></tr></thead>
          <tbody>{{{ each orders }}}<tr data-status="{./status}"><td><a href="{./url}">{{tx(./label)}}</a></td><td class="text-end">{./count}</td><td class="text-end" data-bonus="order-value">{{{ if ./waiting }}}{{{ if ./capped }}}{{tx("bonus:economy.at-least", ./value)}}{{{ else }}}{./value}{{{ end }}}{{{ else }}}—{{{ end }}}</td><td data-bonus="order-oldest">{{{ if ./hasOldest }}}{./oldest}{{{ if ./oldestDays }}} ({{bonusPlural("bonus:days.count", ./oldestDays)}}){{{ end }}}{{{ else }}}—{{{ end }}}</td></tr>{{{ end }}}</tbody>
        </table>
        <p class="small text-secondary mb-0 mt-1">{{tx("bonus:economy.orders-help")}}</p>
      </section>
    </div>
    <div class="col-12 col-lg-6">
      <section class="card card-body h-100" data-bonus="low-pools" aria-labelledby="bonus-eco-pools">
        <h2 class="fs-6" id="bonus-eco-pools">{{tx("bonus:economy.pools")}}</h2>
        <p class="small text-secondary">{{tx("bonus:economy.pools-help", lowStockThreshold)}}</p>
        {{{ if hasLowPools }}}
        <ul class="small mb-0">{{{ each lowPools }}}<li><a href="{./url}">{./title}</a>: {{tx("bonus:economy.pool-left", ./available)}}</li>{{{ end }}}</ul>
        {{{ else }}}<p class="small mb-0">{{tx("bonus:economy.pools-ok")}}</p>{{{ end }}}
      </section>
    </div>
    <div class="col-12 col-lg-6">
      <section class="card card-body h-100" data-bonus="checks" aria-labelledby="bonus-eco-checks">
        <h2 class="fs-6" id="bonus-eco-checks">{{tx("bonus:economy.checks")}}</h2>
        {{{ if reconcile }}}
        <p class="small mb-1" data-bonus="reconcile">{{{ if reconcile.ok }}}<i class="fa fa-check text-success"></i> {{tx("bonus:economy.reconcile-ok", reconcile.date, reconcile.members)}}{{{ else }}}<i class="fa fa-triangle-exclamation text-danger"></i> {{tx("bonus:economy.reconcile-damage", reconcile.date, reconcile.damaged)}}{{{ end }}} <a href="{operationsUrl}">{{tx("bonus:economy.reconcile-details")}}</a></p>
        {{{ else }}}<p class="small mb-1" data-bonus="reconcile">{{tx("bonus:economy.reconcile-never")}} <a href="{operationsUrl}">{{tx("bonus:economy.reconcile-details")}}</a></p>{{{ end }}}
        {{{ if rebuild }}}
        <p class="small mb-2" data-bonus="rebuild-result">{{{ if rebuild.agree }}}<i class="fa fa-check text-success"></i> {{tx("bonus:economy.rebuild-agree", rebuild.date)}}{{{ else }}}<i class="fa fa-triangle-exclamation text-warning"></i> {{tx("bonus:economy.rebuild-differ", rebuild.date, rebuild.differences)}}{{{ if rebuild.repaired }}} {{tx("bonus:economy.rebuild-repaired")}}{{{ end }}}{{{ end }}}</p>
        {{{ else }}}<p class="small mb-2" data-bonus="rebuild-result">{{tx("bonus:economy.rebuild-never")}}</p>{{{ end }}}
        <div class="d-flex flex-wrap gap-2">
          <button type="button" class="btn btn-sm btn-outline-primary" data-bonus="economy-check">{{tx("bonus:economy.check")}}</button>
          <button type="button" class="btn btn-sm btn-outline-warning" data-bonus="economy-rebuild">{{tx("bonus:economy.rebuild")}}</button>
        </div>
      </section>
    </div>
    <div class="col-12 col-lg-6">
      <section class="card card-body h-100" data-bonus="requests-block" aria-labelledby="bonus-eco-requests">
        <div class="d-flex justify-content-between align-items-center gap-2">
          <h2 class="fs-6 mb-0" id="bonus-eco-requests"><a href="{requests.url}">{{tx("bonus:economy.requests")}}</a></h2>
          <button type="button" class="btn btn-sm btn-outline-secondary" data-bonus-csv="bonus-eco-requests-table"><i class="fa fa-download"></i> {{tx("bonus:economy.csv")}}</button>
        </div>
        <table class="table table-sm small mb-0 mt-1" id="bonus-eco-requests-table">
          <thead><tr><th>{{tx("bonus:economy.col.figure")}}</th><th class="text-end">{{tx("bonus:economy.col.period")}}</th><th class="text-end">{{tx("bonus:economy.col.previous")}}</th></tr></thead>
          <tbody>
            <tr><td>{{tx("bonus:economy.requests-open")}}</td><td class="text-end" data-bonus="requests-open">{{{ if requests.capped }}}{{tx("bonus:economy.at-least", requests.open)}}{{{ else }}}{requests.open}{{{ end }}}</td><td class="text-end">—</td></tr>
            <tr><td>{{tx("bonus:economy.requests-new")}}</td><td class="text-end">{requests.waitingNew}</td><td class="text-end">—</td></tr>
            <tr><td>{{tx("bonus:economy.requests-staff")}}</td><td class="text-end" data-bonus="requests-staff">{requests.waitingStaff}</td><td class="text-end">—</td></tr>
            <tr><td>{{tx("bonus:economy.requests-member")}}</td><td class="text-end">{requests.waitingMember}</td><td class="text-end">—</td></tr>
            <tr><td>{{tx("bonus:economy.requests-first-reply")}}</td><td class="text-end" data-bonus="requests-first-reply">{requests.firstReply}</td><td class="text-end">{requests.previousFirstReply}</td></tr>
          </tbody>
        </table>
        <p class="small text-secondary mb-0 mt-1">{{tx("bonus:economy.requests-answered", requests.answered, requests.created)}}{{{ if requests.hasOldest }}} {{tx("bonus:economy.requests-oldest", requests.oldest)}}{{{ if requests.oldestDays }}} ({{bonusPlural("bonus:days.count", requests.oldestDays)}}){{{ end }}}{{{ end }}}</p>
      </section>
    </div>
  </div>

  <div class="row g-3 mb-4">
    <div class="col-12">
      <section class="card card-body h-100" data-bonus="sellers-block" aria-labelledby="bonus-eco-sellers">
        <div class="d-flex flex-wrap justify-content-between align-items-center gap-2">
          <h2 class="fs-6 mb-0" id="bonus-eco-sellers"><a href="{sellers.url}">{{tx("bonus:economy.sellers")}}</a></h2>
          <button type="button" class="btn btn-sm btn-outline-secondary" data-bonus-csv="bonus-eco-sellers-daily"><i class="fa fa-download"></i> {{tx("bonus:economy.csv")}}</button>
        </div>
        <div class="row row-cols-2 row-cols-md-4 g-2 my-2">
          <div class="col"><div class="small text-secondary">{{tx("bonus:economy.sellers-registered")}}</div><div class="fs-5 fw-semibold" data-bonus="sellers-registered">{sellers.registered}</div><div class="small text-secondary">{{tx("bonus:economy.before", sellers.previous.registered)}}</div></div>
          <div class="col"><div class="small text-secondary">{{tx("bonus:economy.sellers-refused-share")}}</div><div class="fs-5 fw-semibold" data-bonus="sellers-refused">{sellers.refusedShare}</div><div class="small text-secondary">{{tx("bonus:economy.sellers-duplicates", sellers.duplicateShare)}}</div></div>
          <div class="col"><div class="small text-secondary">{{tx("bonus:economy.sellers-rejected-share")}}</div><div class="fs-5 fw-semibold" data-bonus="sellers-rejected">{sellers.rejectedShare}</div><div class="small text-secondary">{{tx("bonus:economy.before", sellers.previous.rejectedShare)}}</div></div>
          <div class="col"><div class="small text-secondary">{{tx("bonus:economy.sellers-review")}}</div><div class="fs-5 fw-semibold" data-bonus="sellers-review">{sellers.review}</div><div class="small text-secondary">{{{ if sellers.hasOldestReview }}}{{tx("bonus:economy.sellers-review-oldest", sellers.oldestReview)}}{{{ if sellers.oldestReviewDays }}} ({{bonusPlural("bonus:days.count", sellers.oldestReviewDays)}}){{{ end }}}{{{ else }}}—{{{ end }}}</div></div>
        </div>
        <p class="small mb-2" data-bonus="sellers-eligible">{{tx("bonus:economy.sellers-active", sellers.active, sellers.pending)}} {{tx("bonus:economy.sellers-eligible", sellers.eligible)}}{{{ if sellers.eligibleCapped }}} {{tx("bonus:economy.sellers-eligible-of", sellers.eligibleOf)}}{{{ end }}}</p>
        <div class="position-relative" style="height: 200px;"><canvas data-bonus-chart="line" data-table="bonus-eco-sellers-daily" role="img" aria-label="{{tx("bonus:economy.sellers-daily")}}"></canvas></div>
        <details class="mt-2">
          <summary class="small">{{tx("bonus:economy.table")}}</summary>
          <div class="table-responsive">
            <table class="table table-sm small mb-0" id="bonus-eco-sellers-daily">
              <thead><tr><th data-label>{{tx("bonus:economy.col.day")}}</th><th data-series>{{tx("bonus:economy.sellers-registered")}}</th><th data-series>{{tx("bonus:economy.sellers-refused")}}</th><th>{{tx("bonus:economy.col.previous-day")}}</th><th data-series data-dashed>{{tx("bonus:economy.sellers-registered-then")}}</th></tr></thead>
              <tbody>
                {{{ each sellers.days }}}
                <tr><td>{./day}</td><td>{./registered}</td><td>{./refused}</td><td>{./previousDay}</td><td>{./previousRegistered}</td></tr>
                {{{ end }}}
              </tbody>
            </table>
          </div>
        </details>
      </section>
    </div>
  </div>

  <section class="mb-3" aria-labelledby="bonus-admin-sections">
    <h2 class="fs-5" id="bonus-admin-sections">{{tx("bonus:economy.sections")}}</h2>
    <ul data-bonus="sections">
      {{{ each sections }}}
      <li><a href="{./url}">{{tx(./text)}}</a></li>
      {{{ end }}}
    </ul>
    <p class="mb-0"><a href="{apiDocUrl}" data-bonus="api-doc">{{tx("admin/plugins/bonus:api-doc")}}</a></p>
  </section>
</div>
