<div class="acp-page-container bonus-admin bonus-admin-claims" data-bonus-page="admin-claims">
  <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
    <h1 class="fs-4 mb-0">{{tx("admin/plugins/bonus:claims.title")}}</h1>
    <a class="btn btn-light border" href="{homeUrl}">{{tx("admin/plugins/bonus:catalog.back-home")}}</a>
  </div>

  <form class="row g-2 align-items-end mb-3" method="get" role="search" aria-label="{{tx("admin/plugins/bonus:claims.filters")}}">
    <div class="col-6 col-md-3">
      <label class="form-label" for="bonus-claims-status">{{tx("admin/plugins/bonus:claims.status")}}</label>
      <select class="form-select" id="bonus-claims-status" name="status">
        <option value="">{{tx("admin/plugins/bonus:claims.all")}}</option>
        {{{ each statuses }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:claim.status.", ./value)}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-3">
      <button class="btn btn-primary" type="submit">{{tx("admin/plugins/bonus:catalog.apply")}}</button>
    </div>
  </form>

  {{{ if !hasRows }}}
  <p class="text-secondary" data-bonus="empty">{{tx("admin/plugins/bonus:claims.empty")}}</p>
  {{{ else }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle" data-bonus="claims">
      <thead>
        <tr>
          <th scope="col">{{tx("admin/plugins/bonus:claims.col.claim")}}</th>
          <th scope="col">{{tx("bonus:orders.col.order")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:claims.col.member")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:claims.col.problem")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:claims.col.opened")}}</th>
          <th scope="col" class="text-end">{{tx("admin/plugins/bonus:claims.col.messages")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:claims.status")}}</th>
        </tr>
      </thead>
      <tbody>
        {{{ each rows }}}
        <tr data-claim-id="{./id}">
          <td><a href="{./url}">{{tx("bonus:claim.title", ./id)}}</a></td>
          <td><a href="{./orderUrl}">{{tx("bonus:order.title", ./orderId)}}</a></td>
          <td>{./username}</td>
          <td>{{bonusTx("bonus:claim.problem.", ./problem)}}</td>
          <td class="text-nowrap"><span class="timeago" title="{./date}">{./dateText}</span></td>
          <td class="text-end">{./messageCount}</td>
          <td>
            <span class="badge {{{ if ./open }}}text-bg-warning{{{ else }}}text-bg-secondary{{{ end }}}" data-bonus="status">{{bonusTx("bonus:claim.status.", ./status)}}</span>
            {{{ if ./closing }}}<span class="small">{{bonusTx("bonus:claim.resolution.", ./closing.resolution)}}</span>{{{ end }}}
          </td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ end }}}
  {{{ if pagination.multiple }}}
  <nav class="d-flex gap-2 align-items-center mt-3" aria-label="{{tx("admin/plugins/bonus:claims.pages")}}">
    {{{ if pagination.prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prevUrl}">{{tx("admin/plugins/bonus:orders.newer")}}</a>{{{ end }}}
    <span class="text-secondary small">{{tx("admin/plugins/bonus:claims.page-of", pagination.page, pagination.pageCount, pagination.total)}}</span>
    {{{ if pagination.nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.nextUrl}">{{tx("admin/plugins/bonus:orders.older")}}</a>{{{ end }}}
  </nav>
  {{{ end }}}
</div>
