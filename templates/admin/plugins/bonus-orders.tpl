<div class="acp-page-container bonus-admin bonus-admin-orders" data-bonus-page="admin-orders">
  <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
    <h1 class="fs-4 mb-0">{{tx("admin/plugins/bonus:orders.title")}}</h1>
    <a class="btn btn-light border" href="{homeUrl}">{{tx("admin/plugins/bonus:catalog.back-home")}}</a>
  </div>

  <form class="row g-2 align-items-end mb-3" method="get" role="search" aria-label="{{tx("admin/plugins/bonus:orders.filters")}}">
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-orders-status">{{tx("admin/plugins/bonus:orders.status")}}</label>
      <select class="form-select" id="bonus-orders-status" name="status">
        <option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>
        {{{ each statuses }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:order.status.", ./value)}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-orders-month">{{tx("admin/plugins/bonus:orders.month")}}</label>
      <input class="form-control" type="month" id="bonus-orders-month" name="month" value="{filter.month}">
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-orders-member">{{tx("admin/plugins/bonus:orders.member")}}</label>
      <input class="form-control" id="bonus-orders-member" name="member" value="{filter.member}" autocomplete="off">
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-orders-product">{{tx("admin/plugins/bonus:orders.product")}}</label>
      <input class="form-control" id="bonus-orders-product" name="product" value="{filter.product}" autocomplete="off">
    </div>
    <div class="col-12 col-md-4 d-flex gap-2">
      <button class="btn btn-primary" type="submit">{{tx("admin/plugins/bonus:catalog.apply")}}</button>
      <button class="btn btn-outline-secondary" type="button" data-action="export" data-month="{exportMonth}"><i class="fa fa-file-csv" aria-hidden="true"></i> {{tx("admin/plugins/bonus:orders.export", exportMonth)}}</button>
    </div>
  </form>

  {{{ if !hasRows }}}
  <p class="text-secondary" data-bonus="empty">{{tx("admin/plugins/bonus:orders.empty")}}</p>
  {{{ else }}}
  <form class="card card-body mb-3" data-form="bulk">
    <div class="row g-2 align-items-end">
      <div class="col-6 col-md-3">
        <label class="form-label" for="bonus-bulk-status">{{tx("admin/plugins/bonus:orders.bulk-status")}}</label>
        <select class="form-select" id="bonus-bulk-status" name="status">
          {{{ each targets }}}<option value="{./value}">{{bonusTx("bonus:order.status.", ./value)}}</option>{{{ end }}}
        </select>
      </div>
      <div class="col-6 col-md-5">
        <label class="form-label" for="bonus-bulk-note">{{tx("admin/plugins/bonus:orders.note")}}</label>
        <input class="form-control" id="bonus-bulk-note" name="note" maxlength="1000">
      </div>
      <div class="col-12 col-md-4">
        <button class="btn btn-primary" type="submit">{{tx("admin/plugins/bonus:orders.apply-selected")}}</button>
      </div>
    </div>
    <p class="mt-2 mb-0 small" role="status" data-bonus="bulk-result"></p>
  </form>
  <div class="table-responsive">
    <table class="table table-sm align-middle" data-bonus="orders">
      <thead>
        <tr>
          <th scope="col"><input class="form-check-input" type="checkbox" data-action="select-all" aria-label="{{tx("admin/plugins/bonus:orders.select-all")}}"></th>
          <th scope="col">{{tx("bonus:orders.col.order")}}</th>
          <th scope="col">{{tx("bonus:orders.col.date")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:orders.member")}}</th>
          <th scope="col">{{tx("bonus:order.items")}}</th>
          <th scope="col">{{tx("bonus:checkout.country")}}</th>
          <th scope="col" class="text-end">{{tx("bonus:orders.col.total")}}</th>
          <th scope="col">{{tx("bonus:orders.col.status")}}</th>
        </tr>
      </thead>
      <tbody>
        {{{ each rows }}}
        <tr data-order-id="{./id}">
          <td><input class="form-check-input" type="checkbox" name="ids" value="{./id}" data-moves="{./moves}" aria-label="{{tx("bonus:order.title", ./id)}}"></td>
          <td><a href="{./url}">{{tx("bonus:order.title", ./id)}}</a></td>
          <td class="text-nowrap"><span class="timeago" title="{./date}">{./dateText}</span></td>
          <td>{./username}</td>
          <td class="small">{./items}</td>
          <td class="small">{{{ if ./hasCountry }}}{{bonusTx("bonus:", ./countryNameKey)}}{{{ if ./isPickup }}}, {{tx("bonus:checkout.method-pickup")}}{{{ end }}}{{{ end }}}</td>
          <td class="text-end">{./total}</td>
          <td>
            <span class="badge text-bg-info" data-bonus="status">{{bonusTx("bonus:order.status.", ./status)}}</span>
            {{{ if ./awaitingCodes }}}<span class="badge text-bg-warning">{{tx("bonus:order.awaiting-codes-short")}}</span>{{{ end }}}
            {{{ if ./isPrizes }}}<span class="badge text-bg-light border" title="{{tx("bonus:prizes.ship-by", ./shipByText)}}">{{tx("bonus:prizes.order-badge")}}</span>{{{ end }}}
            {{{ if ./late }}}<span class="badge text-bg-danger" data-bonus="late" title="{{tx("bonus:prizes.ship-by", ./shipByText)}}">{{tx("bonus:prizes.late")}}</span>{{{ end }}}
          </td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ end }}}
  {{{ if pagination.multiple }}}
  <nav class="d-flex gap-2 align-items-center mt-3" aria-label="{{tx("admin/plugins/bonus:orders.pages")}}">
    {{{ if pagination.prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prevUrl}">{{tx("admin/plugins/bonus:orders.newer")}}</a>{{{ end }}}
    <span class="text-secondary small">{{tx("admin/plugins/bonus:orders.page-of", pagination.page, pagination.pageCount, pagination.total)}}</span>
    {{{ if pagination.nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.nextUrl}">{{tx("admin/plugins/bonus:orders.older")}}</a>{{{ end }}}
  </nav>
  {{{ end }}}
</div>
