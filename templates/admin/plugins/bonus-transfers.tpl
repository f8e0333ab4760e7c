<div class="acp-page-container bonus-admin" data-bonus-page="admin-transfers">
  <h1 class="fs-4 mb-3">{{tx("bonus:transfer.admin-title")}}</h1>
  <p class="text-secondary">{{tx("bonus:transfer.admin-total", total)}}</p>
  {{{ if hasTransfers }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle">
      <thead><tr><th scope="col">{{tx("bonus:loans.col.id")}}</th><th scope="col">{{tx("bonus:points.col.date")}}</th><th scope="col">{{tx("bonus:transfer.col.from")}}</th><th scope="col">{{tx("bonus:transfer.col.to")}}</th><th scope="col" class="text-end">{{tx("bonus:points.col.amount")}}</th><th scope="col">{{tx("bonus:transfer.col.message")}}</th><th scope="col">{{tx("bonus:transfer.col.actions")}}</th></tr></thead>
      <tbody>
        {{{ each transfers }}}
        <tr data-transfer-id="{./id}">
          <td>{./id}</td>
          <td class="text-nowrap">{./dateText}</td>
          <td><a href="{./fromUrl}">{./from}</a></td>
          <td><a href="{./toUrl}">{./to}</a></td>
          <td class="text-end fw-bold">{./amountText}</td>
          <td>{./message}</td>
          <td>{{{ if ./reversed }}}<span class="badge text-bg-secondary">{{tx("bonus:transfer.reversed")}}</span>{{{ else }}}{{{ if ./done }}}<button type="button" class="btn btn-sm btn-outline-danger" data-bonus="reverse" data-id="{./id}">{{tx("bonus:transfer.reverse")}}</button>{{{ end }}}{{{ end }}}</td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  <nav class="d-flex gap-2">
    {{{ if prevUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{prevUrl}">{{tx("bonus:points.newer")}}</a>{{{ end }}}
    {{{ if nextUrl }}}<a class="btn btn-sm btn-outline-secondary" href="{nextUrl}">{{tx("bonus:points.older")}}</a>{{{ end }}}
  </nav>
  {{{ else }}}
  <p class="text-secondary">{{tx("bonus:transfer.none")}}</p>
  {{{ end }}}
</div>
