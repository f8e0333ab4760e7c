<div class="acp-page-container bonus-admin bonus-admin-operations" data-bonus-page="admin-operations">
  <h1 class="fs-4 mb-3">{{tx("bonus:operations.title")}}</h1>

  <form id="bonus-operation-form" class="card mb-4" data-operation-key="{operationKey}">
    <div class="card-body row g-3">
      <div class="col-12">
        <label class="form-label" for="bonus-op-usernames">{{tx("bonus:operations.usernames")}}</label>
        <textarea class="form-control" id="bonus-op-usernames" name="usernames" rows="2" required aria-describedby="bonus-op-usernames-help"></textarea>
        <div id="bonus-op-usernames-help" class="form-text">{{tx("bonus:operations.usernames-help")}}</div>
      </div>
      <div class="col-12 col-md-6">
        <label class="form-label" for="bonus-op-programme">{{tx("admin/plugins/bonus:catalog.programme")}}</label>
        <select class="form-select" id="bonus-op-programme" name="programme" aria-describedby="bonus-op-programme-help">
          <option value="club">{{tx("bonus:programme.club")}}</option>
          <option value="sellers">{{tx("bonus:programme.sellers")}}</option>
        </select>
        <div id="bonus-op-programme-help" class="form-text">{{tx("bonus:operations.programme-help")}}</div>
      </div>
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-op-direction">{{tx("bonus:operations.direction")}}</label>
        <select class="form-select" id="bonus-op-direction" name="direction">
          <option value="award">{{tx("bonus:operations.award")}}</option>
          <option value="deduct">{{tx("bonus:operations.deduct")}}</option>
        </select>
      </div>
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-op-amount">{{tx("bonus:operations.amount")}}</label>
        <input class="form-control" type="number" min="1" step="1" id="bonus-op-amount" name="amount" required>
      </div>
      <div class="col-12 col-md-6">
        <label class="form-label" for="bonus-op-reason">{{tx("bonus:operations.reason")}}</label>
        <select class="form-select" id="bonus-op-reason" name="reason">
          {{{ each reasons }}}<option value="{./value}" data-directions="{./directions}">{{tx(./text)}}</option>{{{ end }}}
        </select>
      </div>
      <div class="col-12">
        <label class="form-label" for="bonus-op-comment">{{tx("bonus:operations.comment")}}</label>
        <input class="form-control" type="text" maxlength="1000" id="bonus-op-comment" name="comment">
      </div>
      <div class="col-12 d-flex align-items-center gap-3">
        <button type="submit" class="btn btn-primary">{{tx("bonus:operations.submit")}}</button>
        <span class="text-secondary small">{{tx(publishModeText)}}{{{ if topicUrl }}} · <a href="{topicUrl}">{{tx("bonus:operations.topic-link")}}</a>{{{ else }}} · {{tx("bonus:operations.no-topic")}}{{{ end }}}</span>
      </div>
    </div>
  </form>

  <section class="mb-4" aria-labelledby="bonus-op-recent">
    <h2 id="bonus-op-recent" class="fs-5">{{tx("bonus:operations.recent")}}</h2>
    {{{ if hasRecent }}}
    <table class="table table-sm bonus-stack" data-bonus="recent-operations">
      <thead><tr><th scope="col">{{tx("bonus:points.col.date")}}</th><th scope="col" class="text-end">{{tx("bonus:points.col.amount")}}</th><th scope="col">{{tx("bonus:operations.members")}}</th><th scope="col">{{tx("bonus:points.col.reason")}}</th></tr></thead>
      <tbody>
        {{{ each recent }}}
        <tr><td class="text-nowrap bonus-stack-head">{./date}</td><td class="text-end fw-bold bonus-stack-head {{{ if ./positive }}}text-success{{{ else }}}text-danger{{{ end }}}">{./amountText}{{{ if ./isSellers }}}<div class="small fw-normal text-secondary" data-bonus="op-sellers">{{tx("bonus:programme.sellers")}}</div>{{{ end }}}</td><td data-label="{{tx("bonus:operations.members")}}">{./members}</td><td data-label="{{tx("bonus:points.col.reason")}}">{{tx(./reasonText)}}{{{ if ./comment }}}<div class="text-secondary small">{./comment}</div>{{{ end }}}</td></tr>
        {{{ end }}}
      </tbody>
    </table>
    {{{ else }}}
    <p class="text-secondary">{{tx("bonus:operations.none")}}</p>
    {{{ end }}}
  </section>

  <section aria-labelledby="bonus-op-reconcile">
    <h2 id="bonus-op-reconcile" class="fs-5">{{tx("bonus:reconcile.title")}}</h2>
    {{{ if reconcile }}}
    <p class="{{{ if reconcile.ok }}}text-success{{{ else }}}text-danger{{{ end }}}">{{tx("bonus:reconcile.summary", reconcile.date, reconcile.members, reconcile.repaired, reconcile.damaged, reconcile.recovered)}}</p>
    {{{ if !reconcile.ok }}}
    <ul>
      {{{ each reconcile.damage }}}<li>{{tx(./problemText)}} · {{tx("bonus:reconcile.entry", ./entryId, ./uid)}} {./key}</li>{{{ end }}}
    </ul>
    {{{ end }}}
    {{{ else }}}
    <p class="text-secondary">{{tx("bonus:reconcile.never")}}</p>
    {{{ end }}}
    <button type="button" class="btn btn-outline-secondary btn-sm" data-action="reconcile">{{tx("bonus:reconcile.run")}}</button>
  </section>
</div>
