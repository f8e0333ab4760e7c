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
  <div class="table-responsive">
    <table class="table table-sm align-middle" data-bonus="queue">
      <thead><tr>
        <th scope="col">{{tx("bonus:requests.col.number")}}</th><th scope="col">{{tx("bonus:requests.col.subject")}}</th><th scope="col">{{tx("bonus:requests.col.status")}}</th>
        <th scope="col">{{tx("bonus:requests.col.member")}}</th><th scope="col">{{tx("bonus:requests.col.assignee")}}</th><th scope="col">{{tx("bonus:requests.col.created")}}</th><th scope="col">{{tx("bonus:requests.col.first-reply")}}</th>
      </tr></thead>
      <tbody>
        {{{ each requests }}}
        <tr data-bonus="request" data-id="{./id}" data-status="{./status}">
          <td><a href="{./url}">{./id}</a></td>
          <td class="text-break"><a href="{./url}">{./subject}</a><div class="small text-secondary">{{{ if ./typeKey }}}{{tx(./typeKey)}}{{{ else }}}{./typeName}{{{ end }}}</div></td>
          <td>{{tx(./statusKey)}}</td>
          <td>{./member}</td>
          <td>{{{ if ./hasAssignee }}}{./assignee}{{{ else }}}<span class="text-secondary">{{tx("bonus:requests.unassigned")}}</span>{{{ end }}}</td>
          <td class="small"><span class="timeago" title="{./created}">{./createdText}</span></td>
          <td class="small">{{{ if ./hasFirstReply }}}{{tx(./firstReply)}}{{{ else }}}{{tx("bonus:requests.no-reply-yet")}}{{{ end }}}</td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ end }}}
</div>
