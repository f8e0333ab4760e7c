<div class="bonus bonus-requests-queue" data-bonus-page="requests-queue">
  <h1 class="fs-3 mb-2">{{tx("bonus:requests.queue-title")}}</h1>
  <p class="text-secondary">{{tx("bonus:requests.queue-intro")}}</p>
  <form class="row g-2 align-items-end mb-3" method="get" action="{queueUrl}" data-bonus="filters">
    <div class="col-6 col-md-3">
      <label class="form-label small mb-0" for="bonus-f-type">{{tx("bonus:requests.step.1")}}</label>
      <select class="form-select form-select-sm" id="bonus-f-type" name="type">
        <option value="">{{tx("bonus:requests.filter.any")}}</option>
        {{{ each types }}}<option value="{./id}"{{{ if ./selected }}} selected{{{ end }}}>{{{ if ./nameKey }}}{{tx(./nameKey)}}{{{ else }}}{./name}{{{ end }}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label small mb-0" for="bonus-f-status">{{tx("bonus:requests.col.status")}}</label>
      <select class="form-select form-select-sm" id="bonus-f-status" name="status">
        <option value="">{{tx("bonus:requests.filter.any")}}</option>
        {{{ each statuses }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./key)}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-3">
      <label class="form-label small mb-0" for="bonus-f-assignee">{{tx("bonus:requests.col.assignee")}}</label>
      <select class="form-select form-select-sm" id="bonus-f-assignee" name="assignee">
        <option value="">{{tx("bonus:requests.filter.any")}}</option>
        <option value="0"{{{ if unassigned }}} selected{{{ end }}}>{{tx("bonus:requests.unassigned")}}</option>
        {{{ each staffList }}}<option value="{./uid}"{{{ if ./selected }}} selected{{{ end }}}>{./name}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label small mb-0" for="bonus-f-age">{{tx("bonus:requests.filter.age")}}</label>
      <input class="form-control form-control-sm" type="number" min="0" step="1" id="bonus-f-age" name="age" value="{age}">
    </div>
    <div class="col-12 col-md-2"><button type="submit" class="btn btn-sm btn-primary w-100">{{tx("bonus:requests.filter")}}</button></div>
  </form>
  {{{ if !hasRequests }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:requests.queue-empty")}}</p>
  {{{ else }}}
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="queue">
    {{{ each requests }}}
    <li class="card card-body py-2" data-bonus="request" data-id="{./id}" data-status="{./status}">
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 class="fs-6 mb-1 text-break"><a href="{./url}">{{tx("bonus:requests.number", ./id)}} · {./subject}</a></h2>
        <span class="badge {{{ if ./closed }}}text-bg-secondary{{{ else }}}text-bg-info{{{ end }}}">{{tx(./statusKey)}}</span>
      </div>
      <dl class="row small mb-0">
        <dt class="col-5 col-md-2 fw-normal text-secondary">{{tx("bonus:requests.step.1")}}</dt>
        <dd class="col-7 col-md-4 mb-0">{{{ if ./typeKey }}}{{tx(./typeKey)}}{{{ else }}}{./typeName}{{{ end }}}</dd>
        <dt class="col-5 col-md-2 fw-normal text-secondary">{{tx("bonus:requests.col.member")}}</dt>
        <dd class="col-7 col-md-4 mb-0">{./member}</dd>
        <dt class="col-5 col-md-2 fw-normal text-secondary">{{tx("bonus:requests.col.assignee")}}</dt>
        <dd class="col-7 col-md-4 mb-0">{{{ if ./hasAssignee }}}{./assignee}{{{ else }}}<span class="text-secondary">{{tx("bonus:requests.unassigned")}}</span>{{{ end }}}</dd>
        <dt class="col-5 col-md-2 fw-normal text-secondary">{{tx("bonus:requests.col.created")}}</dt>
        <dd class="col-7 col-md-4 mb-0"><span class="timeago" title="{./created}">{./createdText}</span></dd>
        <dt class="col-5 col-md-2 fw-normal text-secondary">{{tx("bonus:requests.col.first-reply")}}</dt>
        <dd class="col-7 col-md-4 mb-0">{{{ if ./hasFirstReply }}}{{tx(./firstReply)}}{{{ else }}}{{tx("bonus:requests.no-reply-yet")}}{{{ end }}}</dd>
      </dl>
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}
  <details class="card card-body mt-3" data-bonus="saved-replies-admin">
    <summary class="fw-semibold">{{tx("bonus:requests.saved-title")}}</summary>
    <p class="small text-secondary mt-2">{{tx("bonus:requests.saved-intro")}}</p>
    <ul class="list-unstyled d-flex flex-column gap-1" data-bonus="saved-list">
      {{{ each savedReplies }}}
      <li class="border rounded p-2" data-bonus="saved-reply" data-id="{./id}"><div class="d-flex justify-content-between gap-2"><span class="fw-semibold text-break">{./title}</span>
        <button type="button" class="btn btn-link btn-sm p-0 text-danger" data-bonus="delete-saved">{{tx("bonus:requests.remove-file")}}</button></div>
        <div class="small text-break" style="white-space: pre-wrap;">{./text}</div></li>
      {{{ end }}}
    </ul>
    <form class="d-flex flex-column gap-2" data-bonus="add-saved">
      <label class="form-label small mb-0" for="bonus-saved-title">{{tx("bonus:requests.saved-name")}}</label>
      <input class="form-control form-control-sm" id="bonus-saved-title" name="title" maxlength="100" required>
      <label class="form-label small mb-0" for="bonus-saved-text">{{tx("bonus:requests.saved-text")}}</label>
      <textarea class="form-control form-control-sm" id="bonus-saved-text" name="text" rows="3" maxlength="10000" required></textarea>
      <div><button type="submit" class="btn btn-sm btn-outline-primary">{{tx("bonus:requests.saved-add")}}</button></div>
    </form>
  </details>
  {{{ if hasClaims }}}
  <h2 class="fs-5 mt-4">{{tx("bonus:requests.claims-title")}}</h2>
  <p class="text-secondary small">{{tx("bonus:requests.claims-staff-intro")}} <a href="{claimsAdminUrl}">{{tx("bonus:requests.claims-admin")}}</a></p>
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="claims">
    {{{ each claims }}}
    <li class="card card-body py-2" data-bonus="claim" data-id="{./id}">
      <div class="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <a class="fw-semibold" href="{./url}">{{tx("bonus:requests.claim.number", ./id, ./orderId)}}</a>
        <span class="badge {{{ if ./open }}}text-bg-info{{{ else }}}text-bg-secondary{{{ end }}}">{{tx(./statusKey)}}</span>
      </div>
      <span class="small text-secondary">{./member} · <span class="timeago" title="{./created}">{./createdText}</span></span>
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}
</div>
