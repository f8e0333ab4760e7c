<div class="bonus bonus-request" data-bonus-page="request" data-id="{request.id}">
  <span hidden data-bonus="uploading-label">{{tx("bonus:requests.uploading")}}</span>
  <div class="d-flex flex-wrap justify-content-between align-items-start gap-2 mb-2">
    <h1 class="fs-3 mb-0 text-break">{{tx("bonus:requests.number", request.id)}} · {request.subject}</h1>
    <span class="badge fs-6 {{{ if request.closed }}}text-bg-secondary{{{ else }}}text-bg-info{{{ end }}}" data-bonus="status">{{tx(request.statusKey)}}</span>
  </div>
  <dl class="row small mb-2">
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.step.1")}}</dt>
    <dd class="col-7 col-sm-9 mb-1">{{{ if request.typeKey }}}{{tx(request.typeKey)}}{{{ else }}}{request.typeName}{{{ end }}}</dd>
    {{{ if isStaff }}}
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.col.member")}}</dt>
    <dd class="col-7 col-sm-9 mb-1" data-bonus="member">{request.member}</dd>
    {{{ end }}}
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.col.created")}}</dt>
    <dd class="col-7 col-sm-9 mb-1"><span class="timeago" title="{request.created}">{request.createdText}</span></dd>
    {{{ if request.hasLicence }}}
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.licence")}}</dt>
    <dd class="col-7 col-sm-9 mb-1"><code>{request.licence}</code></dd>
    {{{ end }}}
    {{{ if request.orderId }}}
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.order")}}</dt>
    <dd class="col-7 col-sm-9 mb-1"><a href="{request.orderUrl}">#{request.orderId}</a></dd>
    {{{ end }}}
    {{{ if request.hasSystem }}}
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.os")}}</dt>
    <dd class="col-7 col-sm-9 mb-1">{request.os} {request.version}</dd>
    {{{ end }}}
    {{{ if isStaff }}}
    <dt class="col-5 col-sm-3 fw-normal text-secondary">{{tx("bonus:requests.col.first-reply")}}</dt>
    <dd class="col-7 col-sm-9 mb-1" data-bonus="first-reply">{{{ if request.hasFirstReply }}}{{tx(request.firstReply)}}{{{ else }}}{{tx("bonus:requests.no-reply-yet")}}{{{ end }}}</dd>
    {{{ end }}}
  </dl>
  <div class="card card-body mb-3">
    <p class="mb-0 text-break" style="white-space: pre-wrap;" data-bonus="description">{request.description}</p>
    {{{ if request.hasAttachments }}}
    <h2 class="fs-6 mt-3 mb-1">{{tx("bonus:requests.attachments")}}</h2>
    <ul class="list-unstyled mb-0" data-bonus="attachments">
      {{{ each request.attachments }}}<li><i class="fa fa-paperclip" aria-hidden="true"></i> <a href="{./url}" download="{./name}" class="text-break">{./name}</a> <span class="small text-secondary">{{tx(./size)}}</span></li>{{{ end }}}
    </ul>
    {{{ end }}}
  </div>

  {{{ if isStaff }}}
  <form class="d-flex flex-wrap align-items-end gap-2 mb-3" data-bonus="assign-form">
    <div>
      <label class="form-label small mb-0" for="bonus-assignee">{{tx("bonus:requests.col.assignee")}}</label>
      <select class="form-select form-select-sm" id="bonus-assignee" name="uid">
        <option value="0">{{tx("bonus:requests.unassigned")}}</option>
        {{{ each staffList }}}<option value="{./uid}"{{{ if ./selected }}} selected{{{ end }}}>{./name}</option>{{{ end }}}
      </select>
    </div>
    <button type="submit" class="btn btn-sm btn-outline-primary">{{tx("bonus:requests.assign")}}</button>
  </form>
  {{{ end }}}

  <h2 class="fs-5">{{tx("bonus:requests.conversation")}}</h2>
  {{{ if !hasMessages }}}<p class="text-secondary small" data-bonus="no-messages">{{tx("bonus:requests.no-messages")}}</p>{{{ end }}}
  <ul class="list-unstyled d-flex flex-column gap-2" data-bonus="messages">
    {{{ each messages }}}
    <li class="card card-body {{{ if ./internal }}}border-warning bg-warning-subtle{{{ else }}}{{{ if ./staff }}}border-info{{{ end }}}{{{ end }}}" data-bonus="message"{{{ if ./internal }}} data-internal="1"{{{ end }}}>
      <div class="small text-secondary mb-1"><span class="fw-semibold">{./who}</span>
        {{{ if ./staff }}}<span class="badge text-bg-info">{{tx("bonus:requests.staff-badge")}}</span>{{{ end }}}
        {{{ if ./internal }}}<span class="badge text-bg-warning">{{tx("bonus:requests.internal-badge")}}</span>{{{ end }}}
        · <span class="timeago" title="{./at}">{./atText}</span></div>
      <p class="mb-0 text-break" style="white-space: pre-wrap;">{./text}</p>
      {{{ if ./hasFiles }}}
      <ul class="list-unstyled mb-0 mt-1" data-bonus="message-files">
        {{{ each ./files }}}<li><i class="fa fa-paperclip" aria-hidden="true"></i> <a href="{./url}" download="{./name}" class="text-break">{./name}</a> <span class="small text-secondary">{{tx(./size)}}</span></li>{{{ end }}}
      </ul>
      {{{ end }}}
    </li>
    {{{ end }}}
  </ul>

  {{{ if canWrite }}}
  <form class="card card-body mt-3" data-bonus="reply-form">
    <label class="form-label fw-semibold" for="bonus-reply">{{tx("bonus:requests.reply-label")}}</label>
    <textarea class="form-control mb-2" id="bonus-reply" name="text" rows="4" maxlength="{maxMessage}" required></textarea>
    <label class="form-label small mb-0" for="bonus-reply-files">{{tx("bonus:requests.attachments")}}</label>
    <input class="form-control form-control-sm" type="file" id="bonus-reply-files" multiple accept=".png,.jpg,.jpeg,.gif,.pdf,.txt,.log,.zip" aria-describedby="bonus-reply-files-help">
    <div class="form-text mb-2" id="bonus-reply-files-help">{{tx("bonus:requests.attachments-help", maxFileKb)}}</div>
    {{{ if isStaff }}}
    {{{ if hasSavedReplies }}}
    <label class="form-label small mb-0" for="bonus-saved">{{tx("bonus:requests.saved-insert")}}</label>
    <select class="form-select form-select-sm mb-2" id="bonus-saved" data-bonus="saved-replies">
      <option value="">{{tx("bonus:requests.none-selected")}}</option>
      {{{ each savedReplies }}}<option value="{./id}" data-text="{./text}">{./title}</option>{{{ end }}}
    </select>
    {{{ end }}}
    <div class="form-check mb-2">
      <input class="form-check-input" type="checkbox" id="bonus-internal" name="internal">
      <label class="form-check-label small" for="bonus-internal">{{tx("bonus:requests.internal")}}</label>
    </div>
    {{{ end }}}
    <div class="text-danger small mb-2" data-bonus="form-error" role="alert" aria-live="polite"></div>
    <div class="d-flex flex-wrap gap-2">
      <button type="submit" class="btn btn-primary">{{tx("bonus:requests.reply")}}</button>
      {{{ if canClose }}}<button type="button" class="btn btn-outline-secondary" data-bonus="close">{{tx("bonus:requests.close")}}</button>{{{ end }}}
    </div>
  </form>
  {{{ else }}}
  <p class="text-secondary mt-3" data-bonus="closed-note">{{tx("bonus:requests.closed-note")}}</p>
  {{{ if canReopen }}}<button type="button" class="btn btn-outline-primary" data-bonus="reopen">{{tx("bonus:requests.reopen")}}</button>{{{ end }}}
  {{{ end }}}
  <p class="mt-3 small"><a href="{listUrl}">{{tx("bonus:requests.title")}}</a>{{{ if isStaff }}} · <a href="{queueUrl}">{{tx("bonus:requests.queue-title")}}</a>{{{ end }}}</p>
</div>
