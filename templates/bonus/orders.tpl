<div class="bonus bonus-orders" data-bonus-page="orders">
  <h1 class="fs-3 mb-3">{{tx("bonus:orders.title")}}</h1>
  <p class="d-flex flex-wrap gap-3">
    <a href="{purchasesUrl}"><i class="fa fa-key" aria-hidden="true"></i> {{tx("bonus:purchases.title")}}</a>
    <a href="{storeUrl}"><i class="fa fa-store" aria-hidden="true"></i> {{tx("bonus:store.title")}}</a>
  </p>
  {{{ if !hasOrders }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:orders.empty")}}</p>
  {{{ else }}}
  <div class="table-responsive">
    <table class="table align-middle bonus-stack" data-bonus="orders">
      <thead>
        <tr>
          <th scope="col">{{tx("bonus:orders.col.order")}}</th>
          <th scope="col">{{tx("bonus:orders.col.date")}}</th>
          <th scope="col" class="text-end">{{tx("bonus:orders.col.items")}}</th>
          <th scope="col" class="text-end">{{tx("bonus:orders.col.total")}}</th>
          <th scope="col">{{tx("bonus:orders.col.status")}}</th>
        </tr>
      </thead>
      <tbody>
        {{{ each orders }}}
        <tr data-order-id="{./id}">
          <td class="bonus-stack-head"><a href="{./url}">{{tx("bonus:order.title", ./id)}}</a></td>
          <td class="text-nowrap bonus-stack-head"><span class="timeago" title="{./date}">{./dateText}</span></td>
          <td class="text-end" data-label="{{tx("bonus:orders.col.items")}}">{./items}</td>
          <td class="text-end text-nowrap" data-label="{{tx("bonus:orders.col.total")}}">{{bonusPlural(./unitKey, ./total)}}</td>
          <td data-label="{{tx("bonus:orders.col.status")}}">
            <span class="badge {{{ if ./cancelled }}}text-bg-secondary{{{ else }}}text-bg-info{{{ end }}}" data-bonus="status">{{bonusTx("bonus:order.status.", ./status)}}</span>
            {{{ if ./awaitingCodes }}}<span class="badge text-bg-warning">{{tx("bonus:order.awaiting-codes-short")}}</span>{{{ end }}}
            {{{ if ./isPrizes }}}<span class="badge text-bg-light border" data-bonus="prize-order">{{tx("bonus:prizes.order-badge")}}</span>{{{ end }}}
            {{{ if ./late }}}<span class="badge text-bg-danger" data-bonus="late">{{tx("bonus:prizes.late")}}</span>{{{ end }}}
          </td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ if pagination.multiple }}}
  <nav aria-label="{{tx("bonus:orders.pages")}}" class="d-flex align-items-center gap-2" data-bonus="pages">
    {{{ if pagination.prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.prevUrl}">{{tx("bonus:points.newer")}}</a>{{{ end }}}
    <span class="text-secondary">{{tx("bonus:points.page", pagination.page)}}</span>
    {{{ if pagination.nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{pagination.nextUrl}">{{tx("bonus:points.older")}}</a>{{{ end }}}
  </nav>
  {{{ end }}}
  {{{ end }}}
</div>
