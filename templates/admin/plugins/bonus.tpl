<div class="acp-page-container bonus-admin" data-bonus-page="admin-home">
  <div class="row">
    <div class="col-lg-9">
      <h1 class="fs-4">{{tx("admin/plugins/bonus:title")}}</h1>
      <p>{{tx("admin/plugins/bonus:intro")}}</p>
      <ul>
        {{{ each sections }}}
        <li><a href="{./url}">{{tx(./text)}}</a></li>
        {{{ end }}}
      </ul>
      <p class="mb-0"><a href="{apiDocUrl}" data-bonus="api-doc">{{tx("admin/plugins/bonus:api-doc")}}</a></p>
    </div>
  </div>
</div>
