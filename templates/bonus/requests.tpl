<div class="bonus bonus-requests" data-bonus-page="requests">
  <div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
    <h1 class="fs-3 mb-0">{{tx("bonus:requests.title")}}</h1>
    <div class="d-flex flex-wrap gap-2">
      {{{ if isStaff }}}<a class="btn btn-outline-secondary" href="{queueUrl}" data-bonus="queue-link">{{tx("bonus:requests.queue-title")}}</a>{{{ end }}}
      <a class="btn btn-primary" href="{newUrl}" data-bonus="new">{{tx("bonus:requests.new")}}</a>
    </div>
  </div>
  <p class="text-secondary">{{tx("bonus:requests.intro")}}</p>
  {{{ if !hasRequests }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:requests.empty")}}</p>
  {{{ else }}}
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="requests">
    {{{ each requests }}}
    <li class="card card-body" data-bonus="request" data-id="{./id}" data-status="{./status}">
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 class="fs-6 mb-1 text-break"><a href="{./url}">{{tx("bonus:requests.number", ./id)}} · {./subject}</a></h2>
        <span class="badge {{{ if ./closed }}}text-bg-secondary{{{ else }}}text-bg-info{{{ end }}}" data-bonus="status">{{tx(./statusKey)}}</span>
      </div>
      <p class="small text-secondary mb-0">{{{ if ./typeKey }}}{{tx(./typeKey)}}{{{ else }}}{./typeName}{{{ end }}} · <span class="timeago" title="{./created}">{./createdText}</span></p>
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}
  {{{ if hasClaims }}}
  <h2 class="fs-5 mt-4">{{tx("bonus:requests.claims-title")}}</h2>
  <p class="text-secondary small">{{tx("bonus:requests.claims-intro")}} <a href="{ordersUrl}">{{tx("bonus:requests.to-orders")}}</a></p>
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="claims">
    {{{ each claims }}}
    <li class="card card-body py-2" data-bonus="claim" data-id="{./id}">
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <a class="fw-semibold" href="{./url}">{{tx("bonus:requests.claim.number", ./id, ./orderId)}}</a>
        <span class="badge {{{ if ./open }}}text-bg-info{{{ else }}}text-bg-secondary{{{ end }}}">{{tx(./statusKey)}}</span>
      </div>
      <span class="small text-secondary"><span class="timeago" title="{./created}">{./createdText}</span></span>
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}
</div>
