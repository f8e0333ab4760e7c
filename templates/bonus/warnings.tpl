<div class="bonus bonus-warnings" data-bonus-page="warnings">
  <h1 class="fs-3 mb-3">{{{ if all }}}{{tx("bonus:warnings.all")}}{{{ else }}}{{tx("bonus:warnings.title")}}{{{ end }}}</h1>
  {{{ if isModerator }}}{{{ if !all }}}<p><a href="{allUrl}">{{tx("bonus:warnings.see-all")}}</a></p>{{{ end }}}{{{ end }}}
  {{{ if form }}}
  <form class="card card-body mb-3" data-bonus="warn-form">
    <input type="hidden" name="key" value="{form.key}">
    {{{ if form.member }}}
    <input type="hidden" name="uid" value="{form.uid}">
    <h2 class="fs-5">{{tx("bonus:warnings.warn-member", form.member)}}</h2>
    {{{ else }}}
    <h2 class="fs-5">{{tx("bonus:warnings.warn")}}</h2>
    {{{ end }}}
    <div class="row g-2">
      {{{ if !form.member }}}
      <div class="col-6 col-md-3"><label class="form-label" for="bonus-warn-username">{{tx("bonus:warnings.member-username")}}</label><input class="form-control" id="bonus-warn-username" name="username" autocomplete="off" value="{form.username}"></div>
      {{{ end }}}
      <div class="col-6 col-md-3"><label class="form-label" for="bonus-warn-pid">{{tx("bonus:warnings.post-id")}}</label><input class="form-control" id="bonus-warn-pid" name="pid" inputmode="numeric" value="{form.pid}"></div>
      <div class="col-12"><label class="form-label" for="bonus-warn-reason">{{tx("bonus:warnings.reason")}}</label><textarea class="form-control" id="bonus-warn-reason" name="reason" rows="2" maxlength="1000" required></textarea></div>
    </div>
    <p class="small text-secondary mt-2 mb-0" data-bonus="warn-cost">{{tx(form.cost)}}</p>
    <div class="mt-2"><button type="submit" class="btn btn-danger">{{tx("bonus:warnings.warn-submit")}}</button></div>
  </form>
  {{{ end }}}
  {{{ if !hasWarnings }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:warnings.empty")}}</p>
  {{{ end }}}
  {{{ if hasWarnings }}}
  <ul class="list-group">
    {{{ each warnings }}}
    <li class="list-group-item" data-warning-id="{./id}">
      <div class="d-flex justify-content-between flex-wrap gap-2">
        <div>
          {{{ if all }}}<a href="{./memberUrl}" class="fw-bold">{./member}</a> · {{{ end }}}<span class="text-danger">{{tx("bonus:warnings.amount", bonusPlural("bonus:points.count", ./amount))}}</span>
          {{{ if ./revoked }}}<span class="badge text-bg-secondary">{{tx("bonus:warnings.revoked")}}</span>{{{ end }}}
          <div>{./reason}</div>
          <div class="small text-secondary">{{tx("bonus:warnings.by", ./moderator)}} · <span class="timeago" title="{./createdAt}">{./createdAtText}</span>{{{ if ./hasPost }}} · <a href="{./postUrl}">{{tx("bonus:warnings.post")}}</a>{{{ end }}}</div>
        </div>
        {{{ if ./canRevoke }}}<div><button type="button" class="btn btn-sm btn-outline-secondary" data-bonus="revoke" data-id="{./id}">{{tx("bonus:warnings.revoke")}}</button></div>{{{ end }}}
      </div>
    </li>
    {{{ end }}}
  </ul>
  {{{ end }}}
</div>
